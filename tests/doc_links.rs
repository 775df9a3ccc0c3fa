//! The repository stands on its own: every Markdown link, every `file.md#section` or `file.md §N` citation
//! and every path a comment or document names points at something inside the repository that exists, and
//! nothing cites the design documents that lived outside it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Folders that hold no hand-written text: build output, installed packages, generated caches.
const SKIPPED_DIRS: [&str; 8] =
    ["target", "node_modules", ".git", ".sqlx", ".data", "test-results", "playwright-report", "screenshots"];
/// What counts as text someone wrote.
const TEXT: [&str; 11] = ["rs", "md", "sql", "sh", "toml", "ts", "yml", "json", "py", "css", "example"];
/// Top-level folders whose files are cited by path.
const ROOTS: [&str; 12] = [
    "src/",
    "app/",
    "server/",
    "database/",
    "tools/",
    "tests/",
    "docs/",
    "scripts/",
    "migrations/",
    "end2end/",
    "style/",
    "public/",
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                text_files(&path, found);
            }
        } else if path.extension().is_some_and(|e| TEXT.contains(&e.to_string_lossy().as_ref()))
            && name != "package-lock.json"
        {
            found.push(path);
        }
    }
}

/// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces as `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn headings(markdown: &str) -> Vec<String> {
    let mut fenced = false;
    let mut found = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.push(line.trim_start_matches('#').trim().to_owned());
        }
    }
    found
}

/// Why `target` (a path, then optionally `#anchor` or ` §N`) does not resolve from `base`, if it does not.
fn problem(base: &Path, target: &str, section: Option<&str>) -> Option<String> {
    let path = base.join(target);
    if !path.exists() {
        return Some(format!("{target} does not exist"));
    }
    let section = section?;
    if path.is_dir() || path.extension().is_none_or(|e| e != "md") {
        return Some(format!("{target} is not a Markdown file, so it has no section {section}"));
    }
    let titles = headings(&fs::read_to_string(&path).unwrap_or_default());
    let found = match section.strip_prefix('§') {
        Some(number) => {
            titles.iter().any(|t| t.starts_with(&format!("{number}.")) || t.starts_with(&format!("{number} ")))
        }
        None => titles.iter().any(|t| slug(t) == section),
    };
    (!found).then(|| format!("{target} has no section {section}"))
}

/// The Markdown links of a document: `[text](target)`, with web addresses left out.
fn markdown_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = &rest[..end];
        if !target.contains("://") && !target.starts_with("mailto:") && !target.contains(' ') && !target.is_empty() {
            links.push(target.to_owned());
        }
        rest = &rest[end..];
    }
    links
}

/// Paths under the repository's top-level folders that `text` names, each with the section it cites if any
/// (`#anchor` or ` §6` after a `.md` path). Patterns (`src/<service>/mod.rs`, globs) are not paths.
fn cited_paths(text: &str) -> Vec<(String, Option<String>)> {
    let is_path_char = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '#');
    let mut cited = Vec::new();
    for (index, _) in text.char_indices() {
        let rest = &text[index..];
        let Some(root) = ROOTS.iter().find(|root| rest.starts_with(**root)) else { continue };
        let before = text[..index].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-')) {
            continue;
        }
        let token: String = rest.chars().take_while(|c| is_path_char(*c)).collect();
        let token = token.trim_end_matches(['.', '-']);
        let after = &rest[token.len()..];
        if token.len() == root.len() || after.starts_with(['<', '*', '{', '$']) {
            continue;
        }
        let (path, anchor) = match token.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_owned())),
            None => (token, None),
        };
        let last = path.rsplit('/').next().unwrap_or_default();
        if !path.ends_with('/') && !last.contains('.') {
            // A folder or a name with no extension: only worth checking when it is clearly a folder.
            continue;
        }
        let section = anchor.or_else(|| {
            let after = after.trim_start_matches(['`', ')']).trim_start();
            after
                .strip_prefix('§')
                .map(|s| format!("§{}", s.chars().take_while(char::is_ascii_digit).collect::<String>()))
        });
        cited.push((path.to_owned(), section.filter(|s| s != "§")));
    }
    cited
}

#[test]
fn every_link_and_cited_section_inside_the_repository_exists() {
    let root = repository();
    let mut files = Vec::new();
    text_files(&root, &mut files);
    assert!(files.len() > 100, "found only {} files under {}", files.len(), root.display());
    let mut broken = BTreeSet::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_default();
        let here = file.parent().unwrap_or(&root);
        let name = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        if file.extension().is_some_and(|e| e == "md") {
            for link in markdown_links(&text) {
                let (target, anchor) = match link.split_once('#') {
                    Some(("", anchor)) => (name.rsplit('/').next().unwrap_or_default().to_owned(), Some(anchor)),
                    Some((target, anchor)) => (target.to_owned(), Some(anchor)),
                    None => (link.clone(), None),
                };
                if let Some(problem) = problem(here, &target, anchor) {
                    broken.insert(format!("{name}: link {link}: {problem}"));
                }
            }
        }
        for (path, section) in cited_paths(&text) {
            // A citation is read from the repository's root, or from the citing file's folder.
            let from_root = problem(&root, &path, section.as_deref());
            if from_root.is_some() && problem(here, &path, section.as_deref()).is_some() {
                broken.insert(format!("{name}: {}", from_root.unwrap_or_default()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken references:\n{}",
        broken.len(),
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn nothing_cites_the_design_documents_that_lived_outside_the_repository() {
    let root = repository();
    let mut files = Vec::new();
    text_files(&root, &mut files);
    // Spelled in pieces so this file does not match itself.
    let outside = ["DESIGN", "STYLE", "TOOLCHAIN"].map(|name| format!("{name}.md"));
    let citing: Vec<String> = files
        .iter()
        .filter(|file| {
            let text = fs::read_to_string(file).unwrap_or_default();
            outside.iter().any(|name| text.contains(name.as_str()))
        })
        .map(|file| file.strip_prefix(&root).unwrap_or(file).display().to_string())
        .collect();
    assert!(citing.is_empty(), "files citing documents outside the repository: {citing:?}");
}

#[test]
fn citations_are_found_with_their_sections() {
    let cited =
        cited_paths("see `docs/architecture.md#roles`, docs/runbooks/pilot-setup.md §6 and src/<service>/mod.rs");
    assert_eq!(
        cited,
        vec![
            ("docs/architecture.md".to_owned(), Some("roles".to_owned())),
            ("docs/runbooks/pilot-setup.md".to_owned(), Some("§6".to_owned())),
        ]
    );
    assert_eq!(slug("6. Go / No-Go"), "6-go--no-go");
    assert_eq!(markdown_links("[a](b.md#c) and [web](https://x.org)"), vec!["b.md#c".to_owned()]);
}
