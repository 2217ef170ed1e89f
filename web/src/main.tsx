import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./app/i18n";
import "./app/global.css";
import { Providers } from "./app/providers";
import { AppRouter } from "./app/router";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");

createRoot(container).render(
  <StrictMode>
    <Providers>
      <AppRouter />
    </Providers>
  </StrictMode>,
);
