// Every relative link of the documentation resolves: the file it names exists, and its `#anchor` is a
// heading of that file (GitHub's slugs). The pages: README.md, CONTRIBUTING.md, CHANGELOG.md,
// docs/*.md and examples/*/README.md. Links inside code (fenced blocks, `code spans`) are not links.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../helpers/programDir";

/** GitHub's anchor for a heading: lowercase, punctuation removed, each space a `-` (github-slugger). */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link in a heading: its text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/[`*~]/g, "") // code and emphasis marks
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** The page's lines, each line of a fenced code block (fences included) left empty. */
function outsideFences(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split("\n").map((line) => {
    const marker = /^\s{0,3}(```+|~~~+)/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return "";
    }
    if (marker) fence = marker;
    return marker ? "" : line;
  });
}

/** The text outside fenced code blocks, each code span replaced by a placeholder. */
function prose(markdown: string): string {
  return outsideFences(markdown)
    .join("\n")
    .replace(/(`+)[\s\S]*?\1/g, "code");
}

/** Every anchor a page defines: its headings' slugs (a repeated slug gets -1, -2, ...) and HTML ids. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of outsideFences(markdown)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1]);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      found.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const html of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) found.add(html[1]);
  }
  return found;
}

/** The targets of a page's links: inline `[text](target)`, images, and reference definitions. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(m[1]);
  return targets;
}

/** The broken relative links of these pages, as "page: target (why)". */
export function brokenLinks(root: string, pages: string[]): string[] {
  const broken: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchorsFor = (file: string) => {
    if (!anchorsOf.has(file)) anchorsOf.set(file, anchors(fs.readFileSync(file, "utf8")));
    return anchorsOf.get(file)!;
  };
  for (const page of pages) {
    const file = path.join(root, page);
    for (const target of linkTargets(fs.readFileSync(file, "utf8"))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...: not a file of this repository
      const hash = target.indexOf("#");
      const filePart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const resolved = filePart === "" ? file : path.resolve(path.dirname(file), filePart);
      if (filePart.startsWith("/")) {
        broken.push(`${page}: ${target} (an absolute path: link relative to the page)`);
        continue;
      }
      if (!fs.existsSync(resolved)) {
        broken.push(`${page}: ${target} (no file ${path.relative(root, resolved)})`);
        continue;
      }
      if (anchor === undefined || !/\.md$/i.test(resolved) || fs.statSync(resolved).isDirectory()) continue;
      if (!anchorsFor(resolved).has(anchor)) {
        broken.push(`${page}: ${target} (no heading #${anchor} in ${path.relative(root, resolved)})`);
      }
    }
  }
  return broken;
}

/** The documentation pages of the repository. */
export function docPages(root: string): string[] {
  const pages = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"].filter((p) => fs.existsSync(path.join(root, p)));
  const docs = path.join(root, "docs");
  if (fs.existsSync(docs))
    pages.push(
      ...fs
        .readdirSync(docs)
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`),
    );
  const examples = path.join(root, "examples");
  if (fs.existsSync(examples)) {
    for (const dir of fs.readdirSync(examples).sort()) {
      if (fs.existsSync(path.join(examples, dir, "README.md"))) pages.push(`examples/${dir}/README.md`);
    }
  }
  return pages;
}

describe("docs: every relative link resolves", () => {
  it("slugs headings as GitHub does", () => {
    assert.equal(githubSlug("Recordings in S3, or compositions"), "recordings-in-s3-or-compositions");
    assert.equal(githubSlug("The recordings bucket (AWS side, one component)"), "the-recordings-bucket-aws-side-one-component");
    assert.equal(githubSlug("Recovering an interrupted `pulumi up`"), "recovering-an-interrupted-pulumi-up");
    assert.equal(githubSlug("Media v1 (`media.twilio.com`: `/v1/MediaProcessors`)"), "media-v1-mediatwiliocom-v1mediaprocessors");
    assert.equal(githubSlug("0.2.0 - Unreleased"), "020---unreleased");
    assert.equal(githubSlug("[0.1.0] - 2026-11-24"), "010---2026-11-24");
    assert.deepEqual([...anchors("# A\n## A\n```\n# not a heading\n```\n## B!\n")], ["a", "a-1", "b"]);
  });

  it("finds links outside code only, with text over several lines", () => {
    const page =
      'See [the\nreference](docs/reference.md#x) and `[not](a-link.md)`.\n```md\n[nor](this.md)\n```\n[ref]: other.md\n![img](pic.png "title")';
    assert.deepEqual(linkTargets(page), ["docs/reference.md#x", "pic.png", "other.md"]);
  });

  it("reports a missing file, a missing anchor and an absolute path; passes the good ones", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ptv-docs-links-"));
    try {
      fs.mkdirSync(path.join(root, "docs"));
      fs.writeFileSync(path.join(root, "docs", "guide.md"), "# Guide\n\n## Set it up\n\nBack to [the top](../README.md#project).\n");
      fs.writeFileSync(
        path.join(root, "README.md"),
        "# Project\n\n[ok](docs/guide.md#set-it-up) [here](#project) [site](https://example.com/x.md#nope)\n" +
          "[gone](docs/missing.md) [bad anchor](docs/guide.md#setup) [self](#nowhere) [abs](/etc/passwd)\n",
      );
      assert.deepEqual(brokenLinks(root, docPages(root)), [
        "README.md: docs/missing.md (no file docs/missing.md)",
        "README.md: docs/guide.md#setup (no heading #setup in docs/guide.md)",
        "README.md: #nowhere (no heading #nowhere in README.md)",
        "README.md: /etc/passwd (an absolute path: link relative to the page)",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("holds for README.md, CONTRIBUTING.md, CHANGELOG.md, docs/*.md and examples/*/README.md", () => {
    const pages = docPages(REPO_ROOT);
    for (const page of ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "docs/reference.md"])
      assert.ok(pages.includes(page), `${page} is missing`);
    assert.deepEqual(brokenLinks(REPO_ROOT, pages), []);
  });

  it("keeps the README a front door: at most 250 lines, CI's test command, a link to the reference", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const lines = readme.split("\n").length - (readme.endsWith("\n") ? 1 : 0);
    assert.ok(lines <= 250, `README.md has ${lines} lines`);
    assert.match(readme, /npm test/);
    assert.ok(
      linkTargets(readme).some((t) => t.startsWith("docs/reference.md#")),
      "README.md links to no section of docs/reference.md",
    );
  });
});
