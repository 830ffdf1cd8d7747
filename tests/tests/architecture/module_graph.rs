//! Which module of a crate uses which, read from its sources: `use` declarations and paths
//! that start at `crate::` or `super::`, each followed through re-exports to the module that
//! defines the item. Good enough for our own code (no macros that make modules, no
//! `#[path]`), which is all it is asked about.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// The text before a file's test module (clippy's `items_after_test_module` keeps test
/// modules last) with line comments blanked, so that neither counts as a use.
pub fn without_tests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    let mut search = 0;
    while let Some(at) = out[search..].find("#[cfg(test)]") {
        let start = search + at;
        let rest = out[start + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") && rest.split(';').next().is_some_and(|d| d.contains('{')) {
            out.truncate(start);
            break;
        }
        search = start + 1;
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn identifiers(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_ident(c))
        .filter(|t| !t.is_empty())
        .collect()
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e` (whitespace already removed).
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    // Not a use tree at all ("use " in a string, say): no path.
    let Some(close) = tree.rfind('}').filter(|close| *close > open) else {
        return Vec::new();
    };
    let inner = &tree[open + 1..close];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            '{' => {
                depth += 1;
                current.push(c);
            }
            '}' => {
                depth -= 1;
                current.push(c);
            }
            _ => current.push(c),
        }
    }
    parts.push(current);
    let mut out = Vec::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        for path in expand(part) {
            if path == "self" {
                out.push(prefix.trim_end_matches("::").to_string());
            } else {
                out.push(format!("{prefix}{path}"));
            }
        }
    }
    out
}

/// The paths of every `use` declaration (aliases dropped), and whether it is a `pub use`.
fn use_paths(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(at) = text[search..].find("use ") {
        let start = search + at;
        search = start + 4;
        if text[..start].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let Some(end) = text[start..].find(';') else {
            break;
        };
        let before = text[..start].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        let body = &text[start + 4..start + end];
        let words: Vec<&str> = body.split_whitespace().collect();
        let mut tree = String::new();
        let mut skip = false;
        for word in words {
            if skip {
                skip = false;
                // An alias ends in the name and perhaps a separator that followed it.
                tree.extend(word.chars().skip_while(|c| is_ident(*c)));
                continue;
            }
            if word == "as" {
                skip = true;
                continue;
            }
            tree.push_str(word);
        }
        out.extend(expand(&tree).into_iter().map(|p| (p, public)));
    }
    out
}

/// Paths written in code that start at `crate::` or `super::`.
fn inline_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for root in ["crate::", "super::"] {
        let mut search = 0;
        while let Some(at) = text[search..].find(root) {
            let start = search + at;
            search = start + root.len();
            if text[..start].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let path: String = text[start..]
                .chars()
                .take_while(|c| is_ident(*c) || *c == ':')
                .collect();
            out.push(path.trim_end_matches(':').to_string());
        }
    }
    out
}

#[derive(Debug, Default)]
pub struct ModuleGraph {
    modules: BTreeSet<Module>,
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

struct Source {
    text: String,
    defined: BTreeSet<String>,
    /// Re-exported name → the path it names.
    reexports: BTreeMap<String, String>,
}

impl ModuleGraph {
    /// The graph of the library crate whose root (`lib.rs`) is in `src`.
    pub fn read(src: &Path) -> ModuleGraph {
        let mut sources: BTreeMap<Module, Source> = BTreeMap::new();
        let mut test_only: BTreeSet<Module> = BTreeSet::new();
        let mut stack = vec![src.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path == src.join("main.rs") {
                    continue;
                }
                let relative = path.strip_prefix(src).expect("inside").with_extension("");
                let mut module: Module = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                    module.pop();
                }
                let full = std::fs::read_to_string(&path).expect("source");
                for pair in full.split("#[cfg(test)]").skip(1) {
                    let declared = identifiers(pair.split(';').next().unwrap_or_default());
                    if let ["mod", name] | ["pub", "mod", name] = declared.as_slice() {
                        let mut child = module.clone();
                        child.push((*name).to_string());
                        test_only.insert(child);
                    }
                }
                let text = without_tests(&full);
                let tokens = identifiers(&text);
                let defined = tokens
                    .windows(2)
                    .filter(|w| {
                        matches!(
                            w[0],
                            "fn" | "struct"
                                | "enum"
                                | "trait"
                                | "type"
                                | "const"
                                | "static"
                                | "mod"
                                | "union"
                                | "macro_rules"
                        )
                    })
                    .map(|w| w[1].to_string())
                    .collect();
                let reexports = use_paths(&text)
                    .into_iter()
                    .filter(|(_, public)| *public)
                    .filter_map(|(path, _)| {
                        let name = path.rsplit("::").next()?.to_string();
                        Some((name, path))
                    })
                    .collect();
                sources.insert(
                    module,
                    Source {
                        text,
                        defined,
                        reexports,
                    },
                );
            }
        }
        sources.retain(|module, _| !(1..=module.len()).any(|n| test_only.contains(&module[..n])));
        let mut graph = ModuleGraph {
            modules: sources.keys().cloned().collect(),
            ..ModuleGraph::default()
        };
        for (module, source) in &sources {
            let mut paths: Vec<String> = use_paths(&source.text)
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            paths.extend(inline_paths(&source.text));
            for path in paths {
                let Some(absolute) = absolute(&graph.modules, module, &path) else {
                    continue;
                };
                let Some(target) = graph.resolve(&sources, absolute, 0) else {
                    continue;
                };
                graph.add_edge(module, &target);
            }
        }
        graph
    }

    /// The module that defines what `segments` (from the crate root) name.
    fn resolve(
        &self,
        sources: &BTreeMap<Module, Source>,
        segments: Vec<String>,
        depth: usize,
    ) -> Option<Module> {
        let known = (0..=segments.len())
            .rev()
            .find(|&n| self.modules.contains(&segments[..n]))?;
        let module: Module = segments[..known].to_vec();
        let Some(name) = segments.get(known) else {
            return Some(module);
        };
        let source = sources.get(&module)?;
        if source.defined.contains(name) || depth > 8 {
            return Some(module);
        }
        match source.reexports.get(name) {
            Some(path) => match absolute(&self.modules, &module, path) {
                Some(mut next) => {
                    next.extend(segments[known + 1..].iter().cloned());
                    self.resolve(sources, next, depth + 1)
                }
                // A re-export of another crate's item.
                None => None,
            },
            None => Some(module),
        }
    }

    /// An arrow from `from` to `to`, drawn between the two modules beside each other under
    /// their closest common parent; none between a module and its own submodules.
    fn add_edge(&mut self, from: &Module, to: &Module) {
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        if common == from.len() || common == to.len() {
            return;
        }
        self.edges
            .entry(from[..=common].to_vec())
            .or_default()
            .insert(to[..=common].to_vec());
    }

    /// Every circle of arrows: the strongly connected groups of more than one module, each
    /// as sorted module paths.
    pub fn circles(&self) -> Vec<Vec<String>> {
        let mut tarjan = Tarjan::default();
        let nodes: BTreeSet<&Module> = self
            .edges
            .iter()
            .flat_map(|(from, tos)| std::iter::once(from).chain(tos))
            .collect();
        for node in nodes {
            if !tarjan.index.contains_key(node) {
                tarjan.visit(node, &self.edges);
            }
        }
        let mut circles: Vec<Vec<String>> = tarjan
            .groups
            .into_iter()
            .filter(|g| g.len() > 1)
            .map(|g| {
                let mut names: Vec<String> = g.iter().map(|m| m.join("::")).collect();
                names.sort();
                names
            })
            .collect();
        circles.sort();
        circles
    }
}

/// `path` as written in `module`, from the crate root; `None` for another crate's path.
fn absolute(modules: &BTreeSet<Module>, module: &Module, path: &str) -> Option<Vec<String>> {
    let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (first, rest) = segments.split_first()?;
    if *first == "crate" {
        return Some(rest.iter().map(|s| (*s).to_string()).collect());
    }
    // A submodule named without `self::` (2018 paths), as in `pub use sqlite::SqliteStore`.
    let mut child = module.clone();
    child.push((*first).to_string());
    if modules.contains(&child) {
        child.extend(rest.iter().map(|s| (*s).to_string()));
        return Some(child);
    }
    let mut base = module.clone();
    let mut taken = 0;
    for segment in &segments {
        match *segment {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        taken += 1;
    }
    if taken == 0 {
        return None;
    }
    base.extend(segments[taken..].iter().map(|s| (*s).to_string()));
    Some(base)
}

#[derive(Default)]
struct Tarjan<'a> {
    index: BTreeMap<&'a Module, usize>,
    low: BTreeMap<&'a Module, usize>,
    stack: Vec<&'a Module>,
    on_stack: BTreeSet<&'a Module>,
    groups: Vec<Vec<&'a Module>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, node: &'a Module, edges: &'a BTreeMap<Module, BTreeSet<Module>>) {
        let number = self.index.len();
        self.index.insert(node, number);
        self.low.insert(node, number);
        self.stack.push(node);
        self.on_stack.insert(node);
        for next in edges.get(node).into_iter().flatten() {
            if !self.index.contains_key(next) {
                self.visit(next, edges);
                let low = self.low[node].min(self.low[next]);
                self.low.insert(node, low);
            } else if self.on_stack.contains(next) {
                let low = self.low[node].min(self.index[next]);
                self.low.insert(node, low);
            }
        }
        if self.low[node] == self.index[node] {
            let mut group = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(member);
                group.push(member);
                if member == node {
                    break;
                }
            }
            self.groups.push(group);
        }
    }
}
