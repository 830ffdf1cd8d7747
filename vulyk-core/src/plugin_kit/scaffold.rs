//! `vulyk plugin new NAME`: a new plugin the way this Vulyk reads them — plugin.toml, a
//! template, a script speaking the DOM-event protocol, sample tasks and a README — that
//! `vulyk plugin check` passes as it is.

use std::path::{Path, PathBuf};

use crate::plugins::{Plugin, check_type_name};
use crate::{Error, Result};

const TEMPLATE: &str = r#"{# The task's part of the page; the site wraps it and loads static/task.js. #}
<div class="label-task">
  <p class="text" aria-live="polite"></p>
  <p>
    <label><input type="radio" name="label" value="yes"> Yes</label>
    <label><input type="radio" name="label" value="no"> No</label>
  </p>
</div>
"#;

const HELP: &str = "<p>Read the text and choose the label that fits it.</p>\n";

const SCRIPT: &str = r#"// The page fires DOM events on `document`: "vulyk.next" with the task in
// event.detail.result.task, "vulyk.save" and "vulyk.skip" with a callback in event.detail.
(function () {
  "use strict";
  var root = document.querySelector(".label-task");
  if (!root) { return; }

  document.addEventListener("vulyk.next", function (event) {
    var task = event.detail.result.task;
    root.querySelector(".text").textContent = task.data.text;
    root.querySelectorAll("input[name=label]").forEach(function (input) { input.checked = false; });
  });

  document.addEventListener("vulyk.save", function (event) {
    var chosen = root.querySelector("input[name=label]:checked");
    // Nothing is sent until a label is chosen.
    if (chosen) { event.detail.callback({ label: chosen.value }); }
  });

  document.addEventListener("vulyk.skip", function (event) { event.detail.callback(); });
})();
"#;

const SAMPLE_TASKS: &str = r#"{"text": "The first text to label."}
{"text": "The second text to label."}
{"text": "The third text to label."}
"#;

/// Makes `plugins_dir/NAME`; the folder must not exist yet.
pub fn new_plugin(plugins_dir: &Path, name: &str, gamified: bool) -> Result<PathBuf> {
    // Checked before it names a folder.
    check_type_name(name).map_err(|message| Error::invalid(format!("plugin name: {message}")))?;
    let dir = plugins_dir.join(name);
    if dir.exists() {
        return Err(Error::conflict(format!("{}: already there", dir.display())));
    }
    let manifest = format!(
        "# A task type of Vulyk: `vulyk plugin check {dir}` checks it, `vulyk db load {name} \
         {dir}/sample-tasks.jsonl` loads its sample tasks.\n\
         type = \"{name}\"\n\
         name = \"{name}\"\n\
         description = \"What volunteers do here, in a sentence.\"\n\
         # Answers each task collects before it closes.\n\
         redundancy = 3\n\
         # The largest answer taken, in bytes of JSON (at most 1 MiB): with the tasks and \
         their redundancy it bounds the disk volunteers can fill.\n\
         max_answer_bytes = 65536\n\
         gamified = {gamified}\n\
         template = \"templates/task.html\"\n\
         help_template = \"templates/help.html\"\n\
         js = [\"static/task.js\"]\n",
        dir = dir.display()
    );
    let readme = format!(
        "# {name}\n\n\
         A Vulyk task type. Volunteers see `templates/task.html`; `static/task.js` shows each \
         task and gives the answer back through the page's events.\n\n\
         ```sh\n\
         vulyk plugin check {dir}\n\
         vulyk init {name}\n\
         vulyk db load {name} {dir}/sample-tasks.jsonl\n\
         vulyk-server --plugins {plugins}\n\
         ```\n",
        dir = dir.display(),
        plugins = plugins_dir.display()
    );
    let files: [(&str, &str); 6] = [
        ("plugin.toml", &manifest),
        ("templates/task.html", TEMPLATE),
        ("templates/help.html", HELP),
        ("static/task.js", SCRIPT),
        ("sample-tasks.jsonl", SAMPLE_TASKS),
        ("README.md", &readme),
    ];
    let written = files.iter().try_for_each(|(relative, text)| {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))
    });
    // What was written must read as a plugin; if not, nothing half made stays behind.
    if let Err(error) = written.and_then(|_| Plugin::load(&dir).map(|_| ())) {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(error);
    }
    Ok(dir)
}
