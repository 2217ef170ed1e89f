import type { Command } from "commander";

/** Admin commands: user, api-key, org, demo, backup, restore. */
export function registerAdminCommands(_program: Command): void {}
