//! Forms for a rule or a fund. The core checks them: its messages start with the field's name
//! (`bonus: …`), so each problem is shown beside its field.

pub mod view;

use serde_json::{Map, Value};
use vulyk_core::gamification::{Fund, Rule, rule_from_value};

use super::confirm::Confirm;
use super::{Handled, Modal, Reply};
use crate::tui::command::Command;
use crate::tui::completion::take_completions;
use crate::tui::effect::Effect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A file's path: Tab completes it.
    Path,
    Number,
    Flag,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The name the core's messages use.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub value: String,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A new rule, or the stored rule with this id.
    Rule(Option<String>),
    /// A new fund, or the stored fund with this id.
    Fund(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub subject: Subject,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub editing: bool,
    /// A problem that names no field.
    pub problem: Option<String>,
    /// The fields' values as the form opened, to tell whether leaving it loses anything.
    initial: Vec<String>,
    /// The names a Tab in a path field found for what is typed, when there are several.
    pub completions: Vec<String>,
}

fn field(key: &'static str, label: &'static str, kind: Kind, value: String) -> Field {
    Field {
        key,
        label,
        kind,
        value,
        problem: None,
    }
}

fn flag(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

/// A form's subject and fields, before it opens.
struct Opening {
    subject: Subject,
    fields: Vec<Field>,
}

impl Opening {
    fn opened(self) -> Editor {
        let initial = self.fields.iter().map(|f| f.value.clone()).collect();
        Editor {
            subject: self.subject,
            fields: self.fields,
            focus: 0,
            editing: false,
            problem: None,
            initial,
            completions: Vec::new(),
        }
    }
}

impl Editor {
    /// Whether a field differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(field, initial)| field.value != *initial)
    }

    pub fn rule(rule: Option<&Rule>) -> Editor {
        let value = |f: fn(&Rule) -> String| rule.map(f).unwrap_or_default();
        Opening {
            subject: Subject::Rule(rule.map(|r| r.id.clone())),
            fields: vec![
                field("name", "Name", Kind::Text, value(|r| r.name.clone())),
                field(
                    "badge",
                    "Badge (URL)",
                    Kind::Text,
                    value(|r| r.badge.clone()),
                ),
                field(
                    "description",
                    "Description",
                    Kind::Text,
                    value(|r| r.description.clone()),
                ),
                field(
                    "tasks_number",
                    "Tasks",
                    Kind::Number,
                    value(|r| r.tasks_number.to_string()),
                ),
                field(
                    "days_number",
                    "Days",
                    Kind::Number,
                    value(|r| r.days_number.to_string()),
                ),
                field(
                    "is_weekend",
                    "Weekends only",
                    Kind::Flag,
                    rule.map_or(flag(false), |r| flag(r.is_weekend)),
                ),
                field(
                    "is_adjacent",
                    "In a row",
                    Kind::Flag,
                    rule.map_or(flag(false), |r| flag(r.is_adjacent)),
                ),
                field(
                    "bonus",
                    "Bonus points",
                    Kind::Number,
                    value(|r| r.bonus.to_string()),
                ),
                field(
                    "task_type_name",
                    "Task type",
                    Kind::Text,
                    value(|r| r.task_type.clone().unwrap_or_default()),
                ),
            ],
        }
        .opened()
    }

    pub fn fund(fund: Option<&Fund>) -> Editor {
        let value = |f: fn(&Fund) -> String| fund.map(f).unwrap_or_default();
        let mut fields = Vec::new();
        if fund.is_none() {
            fields.push(field("id", "Id", Kind::Text, String::new()));
        }
        fields.extend([
            field("name", "Name", Kind::Text, value(|f| f.name.clone())),
            field(
                "description",
                "Description",
                Kind::Text,
                value(|f| f.description.clone()),
            ),
            field(
                "site",
                "Site",
                Kind::Text,
                value(|f| f.site.clone().unwrap_or_default()),
            ),
            field(
                "email",
                "E-mail",
                Kind::Text,
                value(|f| f.email.clone().unwrap_or_default()),
            ),
            field(
                "donatable",
                "Takes donations",
                Kind::Flag,
                fund.map_or(flag(true), |f| flag(f.donatable)),
            ),
            field("logo", "Logo file", Kind::Path, String::new()),
        ]);
        Opening {
            subject: Subject::Fund(fund.map(|f| f.id.clone())),
            fields,
        }
        .opened()
    }

    pub fn title(&self) -> String {
        match &self.subject {
            Subject::Rule(None) => "New rule".into(),
            Subject::Rule(Some(id)) => format!("Rule {id}"),
            Subject::Fund(None) => "New fund".into(),
            Subject::Fund(Some(id)) => format!("Fund {id}"),
        }
    }

    /// Move, edit, flip, save (Ctrl-S); Esc ends editing, then closes the form.
    pub fn command(&mut self, command: Command) -> Handled {
        match command {
            Command::Up => self.move_focus(-1),
            Command::Down => self.move_focus(1),
            Command::Open => self.activate(),
            Command::Save => return Handled::Stay(Reply::effects(self.save())),
            Command::Back if self.editing => self.editing = false,
            // Leaving a form with changes asks first: Esc is also how a field's editing
            // ends, and one Esc too many would lose them.
            Command::Back if self.changed() => {
                return Handled::Stay(Reply::open(Modal::Confirm(Confirm::DropChanges {
                    then_quit: false,
                })));
            }
            Command::Quit if self.changed() => {
                return Handled::Stay(Reply::open(Modal::Confirm(Confirm::DropChanges {
                    then_quit: true,
                })));
            }
            Command::Back => return Handled::Close(Reply::default()),
            Command::Quit => return Handled::Stay(Reply::effects(vec![Effect::Quit])),
            _ => {}
        }
        Handled::Stay(Reply::default())
    }

    pub fn move_focus(&mut self, by: isize) {
        if !self.editing {
            let last = self.fields.len() as isize - 1;
            self.focus = (self.focus as isize + by).clamp(0, last) as usize;
        }
    }

    /// Enter on a field: a flag flips, a text or number is edited (Enter again ends it).
    pub fn activate(&mut self) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match field.kind {
            Kind::Flag => field.value = flag(field.value != "yes"),
            Kind::Text | Kind::Path | Kind::Number if self.editing => self.editing = false,
            Kind::Text | Kind::Path | Kind::Number => self.editing = true,
        }
    }

    /// Changes the focused field's text while it is being edited; its problem is forgotten.
    /// `edit` says whether the text changed; a move of the cursor keeps the problem and the
    /// completions shown.
    pub fn edit(&mut self, edit: impl FnOnce(&mut String) -> bool) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && self.editing
            && edit(&mut field.value)
        {
            field.problem = None;
            self.completions.clear();
        }
    }

    /// Tab in a field that names a file (a fund's logo): asks for what the path may continue
    /// with.
    pub fn complete(&self) -> Vec<Effect> {
        match self.fields.get(self.focus) {
            Some(field) if self.editing && field.kind == Kind::Path => {
                vec![Effect::Complete(field.value.clone())]
            }
            _ => Vec::new(),
        }
    }

    /// The names the path typed may continue with; a late answer (the text changed
    /// meanwhile) is dropped.
    pub fn completed(&mut self, typed: &str, names: Vec<String>) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && field.kind == Kind::Path
            && field.value == typed
        {
            self.completions = take_completions(&mut field.value, names);
        }
    }

    fn value(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map_or("", |f| f.value.trim())
    }

    /// Puts a message of the core's beside the field it names, or above the form.
    pub fn show_problem(&mut self, message: &str) {
        for field in &mut self.fields {
            field.problem = None;
        }
        self.problem = None;
        // `field: why`, or a not-found message that names its field: `… (field: why)`.
        let key = message.split([':', ' ']).next().unwrap_or_default().trim();
        let names = |f: &&mut Field| f.key == key || message.contains(&format!("({}:", f.key));
        match self.fields.iter_mut().find(names) {
            Some(field) => field.problem = Some(message.to_string()),
            None => self.problem = Some(message.to_string()),
        }
    }

    /// Ctrl-S or Enter on nothing: checks the form and asks to save it.
    pub fn save(&mut self) -> Vec<Effect> {
        match self.build() {
            Ok(effect) => vec![effect],
            Err(message) => {
                self.show_problem(&message);
                Vec::new()
            }
        }
    }

    fn build(&self) -> Result<Effect, String> {
        match &self.subject {
            Subject::Rule(id) => {
                let mut object = Map::new();
                for field in &self.fields {
                    let text = field.value.trim();
                    let value = match field.kind {
                        Kind::Flag => Value::Bool(text == "yes"),
                        Kind::Number if text.is_empty() => Value::from(0),
                        Kind::Number => serde_json::from_str::<Value>(text)
                            .ok()
                            .filter(Value::is_u64)
                            .ok_or_else(|| {
                                format!("{}: `{text}` is not a whole number", field.key)
                            })?,
                        Kind::Text if text.is_empty() && field.key == "task_type_name" => continue,
                        Kind::Text | Kind::Path => Value::String(text.to_string()),
                    };
                    object.insert(field.key.to_string(), value);
                }
                if let Some(id) = id {
                    object.insert("id".into(), Value::String(id.clone()));
                }
                let rule = rule_from_value(Value::Object(object)).map_err(|e| e.to_string())?;
                Ok(Effect::SaveRule {
                    rule: Box::new(rule),
                    new: id.is_none(),
                })
            }
            Subject::Fund(id) => {
                let optional = |key| Some(self.value(key).to_string()).filter(|v| !v.is_empty());
                let fund = Fund {
                    id: id.clone().unwrap_or_else(|| self.value("id").to_string()),
                    name: self.value("name").into(),
                    description: self.value("description").into(),
                    site: optional("site"),
                    email: optional("email"),
                    donatable: self.value("donatable") == "yes",
                    has_logo: false,
                };
                fund.validate().map_err(|e| e.to_string())?;
                Ok(Effect::SaveFund {
                    fund: Box::new(fund),
                    logo: optional("logo"),
                    new: id.is_none(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::fixture::{self, cmd};
    use crate::tui::line::LineEdit;

    fn set(editor: &mut Editor, key: &str, value: &str) {
        let at = editor.fields.iter().position(|f| f.key == key).unwrap();
        editor.fields[at].value = value.into();
    }

    #[test]
    fn a_task_type_that_is_not_installed_is_shown_beside_its_field() {
        let mut editor = Editor::rule(None);
        editor.show_problem(
            "task type not found: nope (task_type_name: no such plugin is installed)",
        );
        let field = editor
            .fields
            .iter()
            .find(|f| f.key == "task_type_name")
            .unwrap();
        assert!(field.problem.is_some());
        assert_eq!(editor.problem, None);
    }

    #[test]
    fn a_new_rule_is_checked_by_the_core_with_problems_in_place() {
        let mut editor = Editor::rule(None);
        assert!(editor.save().is_empty());
        assert!(
            editor.fields[0]
                .problem
                .as_deref()
                .unwrap_or("")
                .starts_with("name:")
        );
        set(&mut editor, "name", "Streak");
        set(&mut editor, "badge", "/b.png");
        set(&mut editor, "description", "d");
        set(&mut editor, "tasks_number", "three");
        assert!(editor.save().is_empty());
        let tasks = editor
            .fields
            .iter()
            .find(|f| f.key == "tasks_number")
            .unwrap();
        assert_eq!(
            tasks.problem.as_deref(),
            Some("tasks_number: `three` is not a whole number")
        );
        set(&mut editor, "tasks_number", "3");
        set(&mut editor, "is_adjacent", "yes");
        assert!(editor.save().is_empty());
        let adjacent = editor
            .fields
            .iter()
            .find(|f| f.key == "is_adjacent")
            .unwrap();
        assert!(
            adjacent
                .problem
                .as_deref()
                .unwrap_or("")
                .contains("not supported")
        );
        set(&mut editor, "is_adjacent", "no");
        let effects = editor.save();
        let [Effect::SaveRule { rule, new: true }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(
            (
                rule.name.as_str(),
                rule.tasks_number,
                rule.task_type.clone()
            ),
            ("Streak", 3, None)
        );
        assert_eq!(rule.id, Rule::derive_id("Streak", None));
    }

    #[test]
    fn an_edited_rule_keeps_its_id() {
        let stored = Rule {
            id: "first".into(),
            task_type: Some("tagging_task".into()),
            badge: "b".into(),
            name: "First".into(),
            description: "d".into(),
            bonus: 5,
            tasks_number: 1,
            days_number: 0,
            is_weekend: false,
            is_adjacent: false,
        };
        let mut editor = Editor::rule(Some(&stored));
        set(&mut editor, "bonus", "7");
        let effects = editor.save();
        let [Effect::SaveRule { rule, new: false }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(
            (rule.id.as_str(), rule.bonus, rule.task_type.as_deref()),
            ("first", 7, Some("tagging_task"))
        );
    }

    #[test]
    fn a_fund_is_checked_and_its_logo_named() {
        let mut editor = Editor::fund(None);
        set(&mut editor, "id", "library");
        set(&mut editor, "name", "Library");
        set(&mut editor, "description", "Books");
        set(&mut editor, "email", "not-an-address");
        assert!(editor.save().is_empty());
        let email = editor.fields.iter().find(|f| f.key == "email").unwrap();
        assert!(email.problem.as_deref().unwrap_or("").starts_with("email:"));
        set(&mut editor, "email", "");
        set(&mut editor, "logo", "fixtures/fund-logo.png");
        let effects = editor.save();
        let [
            Effect::SaveFund {
                fund,
                logo,
                new: true,
            },
        ] = effects.as_slice()
        else {
            panic!("{effects:?}");
        };
        assert_eq!(
            (fund.id.as_str(), fund.donatable, logo.as_deref()),
            ("library", true, Some("fixtures/fund-logo.png"))
        );
        // A problem with the logo, found when it is read, goes beside the logo field.
        editor.show_problem("logo x.gif: not a PNG, JPEG or WebP image");
        assert!(
            editor
                .fields
                .iter()
                .any(|f| f.key == "logo" && f.problem.is_some())
        );
        editor.show_problem("storage: gone");
        assert_eq!(editor.problem.as_deref(), Some("storage: gone"));
    }

    #[test]
    fn flags_flip_and_text_is_typed_while_editing() {
        let mut editor = Editor::rule(None);
        editor.focus = 5;
        editor.activate();
        assert_eq!(editor.fields[5].value, "yes");
        editor.focus = 0;
        editor.edit(|t| {
            t.push('x');
            true
        });
        assert_eq!(editor.fields[0].value, "", "not editing yet");
        editor.activate();
        editor.edit(|t| {
            t.push('A');
            true
        });
        editor.edit(|t| t.pop().is_some());
        editor.edit(|t| {
            t.push('B');
            true
        });
        editor.activate();
        assert!(!editor.editing);
        assert_eq!(editor.fields[0].value, "B");
        editor.move_focus(100);
        assert_eq!(editor.focus, editor.fields.len() - 1);
    }

    #[test]
    fn a_funds_logo_path_completes_with_tab() {
        let mut app = fixture::app();
        cmd(&mut app, Command::Tab(4));
        cmd(&mut app, Command::NewSecondary);
        let logo = app.modals().form().unwrap().fields.len() - 1;
        for _ in 0..logo {
            cmd(&mut app, Command::Down);
        }
        // Tab means nothing until the field is being edited.
        assert!(app.update(Action::CompletePath).is_empty());
        cmd(&mut app, Command::Open);
        for c in "fix".chars() {
            app.update(Action::Edit(LineEdit::Type(c)));
        }
        assert_eq!(
            app.update(Action::CompletePath),
            [Effect::Complete("fix".into())]
        );
        app.update(Action::Completed("fix".into(), vec!["fixtures/".into()]));
        assert_eq!(app.modals().form().unwrap().fields[logo].value, "fixtures/");
        let names = vec![
            "fixtures/fund-logo.png".into(),
            "fixtures/fund-logo.svg".into(),
        ];
        app.update(Action::Completed("fixtures/".into(), names.clone()));
        let editor = app.modals().form().unwrap();
        assert_eq!(editor.fields[logo].value, "fixtures/fund-logo.");
        assert_eq!(editor.completions, names);
        // A late answer, for text since changed, is dropped.
        app.update(Action::Completed("fix".into(), vec!["other/".into()]));
        assert_eq!(
            app.modals().form().unwrap().fields[logo].value,
            "fixtures/fund-logo."
        );
        cmd(&mut app, Command::Back);
        assert!(app.update(Action::CompletePath).is_empty());
    }
}
