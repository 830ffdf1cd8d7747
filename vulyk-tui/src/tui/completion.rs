//! Completing a typed path, as a shell's Tab does: the names in its folder that continue it
//! (read by a background job), and taking them into the field (the Load form's path, a
//! fund's logo).

/// Completes `text` with the names it may continue with: one is taken whole; several give
/// their common start, and are returned to be listed.
pub fn take_completions(text: &mut String, names: Vec<String>) -> Vec<String> {
    match names.as_slice() {
        [] => Vec::new(),
        [only] => {
            text.clone_from(only);
            Vec::new()
        }
        many => {
            let common = common_prefix(many);
            if common.len() > text.len() {
                *text = common;
            }
            names
        }
    }
}

fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for name in &names[1..] {
        end = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

/// The entries of the folder `typed` names whose names continue it (hidden ones only when
/// asked for with a dot); folders end with `/`.
pub fn completions_of(typed: &str) -> Vec<String> {
    let (dir, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let shown =
                name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.'));
            let slash = if e.path().is_dir() { "/" } else { "" };
            shown.then(|| format!("{dir}{name}{slash}"))
        })
        .collect();
    names.sort();
    names.truncate(200);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_list_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["alpha.jsonl", "alpine.jsonl", "beta.jsonl", ".hidden"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("albums")).unwrap();
        let typed = format!("{}/al", dir.path().display());
        let names: Vec<String> = completions_of(&typed)
            .into_iter()
            .map(|n| {
                n.rsplit('/')
                    .find(|s| !s.is_empty())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["albums", "alpha.jsonl", "alpine.jsonl"]);
        assert!(
            completions_of(&format!("{}/", dir.path().display()))
                .iter()
                .all(|n| !n.contains(".hidden"))
        );
    }
}
