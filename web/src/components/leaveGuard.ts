import { useEffect, useRef } from "react";
import { type BlockerFunction, useBlocker } from "react-router";

/**
 * Every way out of a page with unsaved input asks first: a link, the sidebar, Ctrl+K, Back and
 * Forward (react-router's blocker, in LeaveGuardHost), a tab closed or reloaded (the browser's own
 * prompt). useDiscardGuard registers each open form here. A page loaded by address and left by Back
 * unloads the document: only the browser's prompt can ask then.
 */
export interface LeaveGuard {
  /** Something typed that leaving would throw away. */
  isDirty(): boolean;
  /** Open as a drawer over the whole screen (a phone's): Back closes it instead of leaving the page. */
  closesOnBack(): boolean;
  /** Shows "Discard unsaved changes?": `onDiscard` on yes, `onKeep` on no. */
  ask(onDiscard: () => void, onKeep: () => void): void;
  /** Forgets the input and closes the form (if the way out does not close it anyway), without asking. */
  discard(): void;
}

const guards: LeaveGuard[] = [];
/** A question is on screen: another way out meanwhile is dropped rather than asked twice. */
let asking = false;

export function addLeaveGuard(guard: LeaveGuard): () => void {
  guards.push(guard);
  return () => {
    guards.splice(guards.indexOf(guard), 1);
    syncUnloadPrompt();
  };
}

/** Asks through `guard` whether to discard, one question at a time. */
export function confirmDiscard(guard: LeaveGuard, onDiscard: () => void, onKeep: () => void = () => {}): void {
  if (asking) return;
  asking = true;
  guard.ask(
    () => {
      asking = false;
      onDiscard();
    },
    () => {
      asking = false;
      onKeep();
    },
  );
}

const dirtyGuards = () => guards.filter((guard) => guard.isDirty());

let unloadPromptOn = false;
/** The browser's own "Leave site?" on a tab closed or reloaded, only while something is unsaved. */
export function syncUnloadPrompt(): void {
  const dirty = dirtyGuards().length > 0;
  if (dirty === unloadPromptOn) return;
  unloadPromptOn = dirty;
  // Only while needed: a beforeunload listener keeps some browsers from caching the page.
  if (dirty) window.addEventListener("beforeunload", promptOnUnload);
  else window.removeEventListener("beforeunload", promptOnUnload);
}

function promptOnUnload(event: BeforeUnloadEvent) {
  event.preventDefault();
  // Older browsers show the prompt only when returnValue is set.
  event.returnValue = "";
}

/** Another path or query: what the page shows changes (a state-only move does not). */
const changesPage: BlockerFunction = ({ currentLocation: from, nextLocation: to }) =>
  from.pathname !== to.pathname || from.search !== to.search;

/**
 * The one blocker of the app (a router holds one at a time), inside the router: a way off the page
 * with something unsaved waits for "discard"; Back (or Forward) with a drawer that fills the screen
 * closes the drawer instead, asking first if something was typed in it.
 */
export function LeaveGuardHost() {
  const byHistory = useRef(false);
  const blocker = useBlocker((move) => {
    if (!changesPage(move)) return false;
    byHistory.current = move.historyAction === "POP";
    return (byHistory.current && guards.some((guard) => guard.closesOnBack())) || dirtyGuards().length > 0;
  });

  useEffect(() => {
    if (blocker.state !== "blocked") return;
    const drawer = byHistory.current ? guards.findLast((guard) => guard.closesOnBack()) : undefined;
    if (drawer) {
      const close = () => {
        drawer.discard();
        blocker.reset();
      };
      if (drawer.isDirty()) confirmDiscard(drawer, close, blocker.reset);
      else close();
      return;
    }
    const dirty = dirtyGuards();
    const last = dirty.at(-1);
    if (!last) return blocker.proceed();
    confirmDiscard(
      last,
      () => {
        for (const guard of dirty) guard.discard();
        blocker.proceed();
      },
      blocker.reset,
    );
  }, [blocker]);

  return null;
}
