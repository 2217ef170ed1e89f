import { createHash, randomBytes } from "node:crypto";
import argon2 from "argon2";

/** Passwords: argon2id with the library's defaults (OWASP-grade memory cost). */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password).catch(() => false);

/** A random token of 32 bytes; tokens are stored only as their SHA-256 (they are too random to guess). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
