import { ContactsOutlined, SearchOutlined, TeamOutlined } from "@ant-design/icons";
import { Button, Empty, Flex, Input, type InputRef, Modal, Spin, Typography, theme } from "antd";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type SearchHit, useDebounced, useGlobalSearch } from "./api";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The header's search button and the Ctrl/Cmd+K dialog it opens. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((was) => !was);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      {compact ? (
        <Button
          type="text"
          icon={<SearchOutlined />}
          aria-label={t("search.open")}
          data-testid="global-search-button"
          onClick={() => setOpen(true)}
        />
      ) : (
        <Button icon={<SearchOutlined />} data-testid="global-search-button" onClick={() => setOpen(true)}>
          <Typography.Text type="secondary">{t("search.placeholder")}</Typography.Text>
          <Typography.Text keyboard>{isMac ? "⌘K" : "Ctrl K"}</Typography.Text>
        </Button>
      )}
      {open && <SearchDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const q = useDebounced(text, 150);
  const { data, isFetching } = useGlobalSearch(q);
  const hits = text.trim() && data ? [...data.customers, ...data.contacts] : [];

  const openHit = (hit: SearchHit) => {
    onClose();
    navigate(hit.kind === "customer" ? `/customers/${hit.id}` : `/contacts/${hit.id}`);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (hits.length ? (i + step + hits.length) % hits.length : 0));
    } else if (e.key === "Enter" && hits[active]) {
      openHit(hits[active]);
    }
  };

  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      closable={false}
      title={null}
      width={640}
      styles={{ body: { maxHeight: "70vh", overflowY: "auto" } }}
      afterOpenChange={(visible) => visible && input.current?.focus()}
    >
      <Input
        ref={input}
        autoFocus
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        suffix={isFetching ? <Spin size="small" /> : undefined}
        placeholder={t("search.placeholder")}
        aria-label={t("search.placeholder")}
        data-testid="global-search-input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {text.trim() && data && (
        <div role="listbox" aria-label={t("search.results")} style={{ marginTop: 12 }}>
          {hits.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("search.noResults")} />
          ) : (
            <>
              <HitGroup title={t("search.customers")} hits={data.customers} offset={0} {...{ active, openHit, text }} />
              <HitGroup
                title={t("search.contacts")}
                hits={data.contacts}
                offset={data.customers.length}
                {...{ active, openHit, text }}
              />
            </>
          )}
        </div>
      )}
      {!text.trim() && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t("search.hint")}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

type GroupProps = {
  title: string;
  hits: SearchHit[];
  offset: number;
  active: number;
  text: string;
  openHit: (hit: SearchHit) => void;
};

function HitGroup({ title, hits, offset, active, text, openHit }: GroupProps) {
  const { token } = theme.useToken();
  if (hits.length === 0) return null;
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      {hits.map((hit, i) => {
        const selected = offset + i === active;
        const details = [hit.company, hit.phone, hit.email, hit.ownerName].filter(Boolean).join(" · ");
        return (
          <Flex
            key={hit.id}
            role="option"
            aria-selected={selected}
            data-testid="global-search-hit"
            gap={10}
            align="center"
            onClick={() => openHit(hit)}
            style={{
              padding: "8px 10px",
              borderRadius: token.borderRadius,
              cursor: "pointer",
              background: selected ? token.controlItemBgActive : undefined,
            }}
          >
            {hit.kind === "customer" ? <TeamOutlined /> : <ContactsOutlined />}
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text ellipsis>
                <Highlighted text={hit.name} query={text} />
              </Typography.Text>
              {details && (
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                  {details}
                </Typography.Text>
              )}
            </Flex>
          </Flex>
        );
      })}
    </div>
  );
}

/** The part of a name the query matched, in bold (typo matches show unmarked). */
function Highlighted({ text, query }: { text: string; query: string }) {
  const at = text.toLowerCase().indexOf(query.trim().toLowerCase());
  if (!query.trim() || at < 0) return <>{text}</>;
  const end = at + query.trim().length;
  return (
    <>
      {text.slice(0, at)}
      <strong>{text.slice(at, end)}</strong>
      {text.slice(end)}
    </>
  );
}
