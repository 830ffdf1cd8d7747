//! Interface strings in Ukrainian and English. The language is the browser's first choice
//! among ours (`Accept-Language`), else the site's setting.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Uk,
    En,
}

impl Language {
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            // `ua` was the original's setting value for Ukrainian.
            "uk" | "ua" => Some(Language::Uk),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::Uk => "uk",
            Language::En => "en",
        }
    }

    /// The browser's preferred language among ours, by `q` weight, else `fallback`.
    pub fn negotiate(accept_language: Option<&str>, fallback: Language) -> Language {
        let Some(header) = accept_language else {
            return fallback;
        };
        let mut best: Option<(f32, Language)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(language) = parts.next().and_then(Language::from_code) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, language));
            }
        }
        best.map_or(fallback, |(_, language)| language)
    }

    /// `number` and the noun `key` in the form that number asks for — "1 бал", "3 бали",
    /// "5 балів", "1.5 бала"; "1 point", "2 points" — by the CLDR plural rules of the
    /// language. `number` as shown (a decimal amount's fraction decides too).
    pub fn counted(self, number: &str, key: &str) -> String {
        let Some((_, uk, en)) = COUNTED.iter().find(|(k, _, _)| *k == key) else {
            return format!("{number} ??");
        };
        let category = self
            .code()
            .parse::<LanguageIdentifier>()
            .ok()
            .and_then(|language| PluralRules::create(language, PluralRuleType::CARDINAL).ok())
            .and_then(|rules| rules.select(number).ok())
            .unwrap_or(PluralCategory::OTHER);
        let noun = match (self, category) {
            (Language::Uk, PluralCategory::ONE) => uk[0],
            (Language::Uk, PluralCategory::FEW) => uk[1],
            (Language::Uk, PluralCategory::MANY) => uk[2],
            (Language::Uk, _) => uk[3],
            (Language::En, PluralCategory::ONE) => en[0],
            (Language::En, _) => en[1],
        };
        format!("{number} {noun}")
    }

    /// The interface string for `key`; the key itself if there is none (a bug, but visible).
    pub fn text(self, key: &str) -> &'static str {
        match STRINGS.iter().find(|(k, _, _)| *k == key) {
            Some((_, uk, en)) => match self {
                Language::Uk => uk,
                Language::En => en,
            },
            None => "??",
        }
    }
}

/// (key, Ukrainian, English).
const STRINGS: &[(&str, &str, &str)] = &[
    ("sign_in", "Увійти", "Sign in"),
    ("sign_up", "Зареєструватися", "Sign up"),
    ("sign_out", "Вийти", "Sign out"),
    ("sign_in_with", "Увійти через", "Sign in with"),
    (
        "linked_providers",
        "Вхід через інші сервіси",
        "Signing in with other services",
    ),
    ("link_provider", "Під'єднати", "Link"),
    ("email", "Електронна пошта", "E-mail"),
    ("password", "Пароль", "Password"),
    ("name", "Ім'я (необов'язково)", "Name (optional)"),
    (
        "no_account",
        "Ще не маєте облікового запису?",
        "No account yet?",
    ),
    (
        "have_account",
        "Вже маєте обліковий запис?",
        "Already have an account?",
    ),
    ("welcome", "Вітаємо у Вулику!", "Welcome to Vulyk!"),
    (
        "welcome_text",
        "Допоможіть перетворити скани й тексти на відкриті дані: невеликі завдання, які виконують люди.",
        "Help turn scans and texts into open data: small tasks that people do.",
    ),
    ("task_types", "Завдання", "Tasks"),
    (
        "no_task_types",
        "Для вас поки немає завдань.",
        "There are no tasks for you yet.",
    ),
    (
        "not_initialised",
        "Сайт ще не налаштовано: оператор має виконати `vulyk init`.",
        "The site is not set up yet: the operator has to run `vulyk init`.",
    ),
    ("tasks_total", "усього", "total"),
    ("position", "місце", "position"),
    ("yours", "ваші", "yours"),
    ("start", "Почати", "Start"),
    ("help", "Інструкція", "Instructions"),
    ("save", "Зберегти", "Save"),
    ("skip", "Пропустити", "Skip"),
    ("done_count", "Виконано", "Done"),
    (
        "rating_position",
        "місце в рейтингу",
        "leaderboard position",
    ),
    ("loading", "Завантаження…", "Loading…"),
    (
        "no_more_tasks",
        "Завдань цього типу для вас більше немає. Дякуємо!",
        "There are no more tasks of this type for you. Thank you!",
    ),
    ("thanks", "Дякуємо за допомогу!", "Thanks for your help!"),
    // What the task page says when the API refuses, by the refusal's status (the API's own
    // message, in English, goes to the element's title).
    (
        "error_400",
        "Відповідь не прийнято: перевірте її.",
        "The answer was not accepted: please check it.",
    ),
    (
        "error_401",
        "Ваш сеанс завершився: увійдіть знову.",
        "Your session has ended: please sign in again.",
    ),
    (
        "error_403",
        "Вам не дозволено виконувати завдання цього типу (або сторінка застаріла: оновіть її).",
        "You may not do tasks of this type (or the page is out of date: reload it).",
    ),
    (
        "error_404",
        "Цього завдання вже немає; ось наступне.",
        "This task is gone; here is the next one.",
    ),
    (
        "error_409",
        "Це завдання вже не ваше (минув час або відповідей досить); ось наступне.",
        "This task is no longer yours (its time ran out, or it has its answers); here is the next one.",
    ),
    (
        "error_413",
        "Відповідь завелика.",
        "The answer is too large.",
    ),
    (
        "error_429",
        "Забагато запитів: спробуйте за хвилину.",
        "Too many requests: please try again in a minute.",
    ),
    (
        "error_other",
        "Щось пішло не так: спробуйте ще раз.",
        "Something went wrong: please try again.",
    ),
    ("leaders", "Рейтинг", "Leaderboard"),
    ("rank", "Місце", "Rank"),
    ("volunteer", "Волонтер", "Volunteer"),
    ("answers", "Відповідей", "Answers"),
    (
        "nobody_yet",
        "Ще ніхто не відповів.",
        "Nobody has answered yet.",
    ),
    ("me", "Мій профіль", "My page"),
    ("groups", "Групи", "Groups"),
    ("admin", "адміністратор", "administrator"),
    (
        "site_closed",
        "Сайт тимчасово закрито. Завітайте пізніше.",
        "The site is closed for now. Please come back later.",
    ),
    ("error", "Помилка", "Error"),
    ("back_home", "На головну", "Back to the start page"),
    (
        "not_found",
        "Такої сторінки немає.",
        "There is no such page.",
    ),
    (
        "forbidden",
        "Вам це недоступно.",
        "This is not open to you.",
    ),
    ("api_tokens", "Токени API", "API tokens"),
    ("rewards", "Нагороди", "Rewards"),
    ("level", "Рівень", "Level"),
    ("points", "Бали", "Points"),
    ("actual_coins", "Монети", "Coins"),
    (
        "potential_coins",
        "Монети, що стануть доступними, коли завершаться пакети завдань",
        "Coins to come when their batches are finished",
    ),
    ("achievements", "Досягнення", "Achievements"),
    (
        "no_achievements",
        "Досягнень поки немає.",
        "No achievements yet.",
    ),
    ("donations", "Пожертви", "Donations"),
    ("donate", "Пожертвувати", "Donate"),
    ("fund", "Фонд", "Fund"),
    ("amount", "Сума", "Amount"),
    ("date", "Дата", "Date"),
    (
        "donation_success",
        "Дякуємо! Монети передано фонду.",
        "Thank you! The coins went to the fund.",
    ),
    (
        "donation_stingy",
        "Вкажіть суму, більшу за нуль.",
        "Give an amount above zero.",
    ),
    (
        "donation_beggar",
        "На вашому рахунку недостатньо монет.",
        "Not enough coins on your account.",
    ),
    (
        "donation_liar",
        "Цей фонд не приймає пожертв.",
        "This fund takes no donations.",
    ),
    (
        "donation_error",
        "Щось пішло не так. Спробуйте ще раз.",
        "Something went wrong. Please try again.",
    ),
    ("new_level", "Новий рівень", "New level"),
    ("each_task_pays", "Кожне завдання", "Each task pays"),
    ("important", "важливо", "important"),
    ("tasks_done", "Виконано завдань", "Tasks done"),
    ("batches_worked", "Пакетів", "Batches"),
    ("hours_worked", "Годин роботи", "Hours of work"),
    ("donated_by_me", "Пожертвувано монет", "Coins given"),
    ("site_numbers", "На сайті", "On the site"),
    ("coins_earned", "зароблено монет", "coins earned"),
    ("coins_donated", "пожертвувано монет", "coins given"),
    ("new_badge", "Нове досягнення", "New achievement"),
    (
        "gold_accuracy",
        "Точність на контрольних",
        "Accuracy on check tasks",
    ),
    (
        "gold_feedback",
        "Це було контрольне завдання з відомою відповіддю.",
        "That was a check task with a known answer.",
    ),
    ("gold_right", "Правильно", "Right"),
    ("gold_expected", "Очікувана відповідь", "Expected answer"),
    ("gold_yours", "Ваша відповідь", "Your answer"),
    (
        "wrong_login",
        "Неправильна адреса пошти або пароль.",
        "Wrong e-mail address or password.",
    ),
    (
        "too_many_attempts",
        "Забагато спроб. Спробуйте трохи згодом.",
        "Too many attempts. Try again a little later.",
    ),
    (
        "email_taken",
        "Ця адреса вже зареєстрована: увійдіть з нею.",
        "This address is already registered: sign in with it.",
    ),
    (
        "password_length",
        "Пароль має бути не коротшим за {min} символів (і не надто довгим).",
        "The password must be at least {min} characters long (and not overly long).",
    ),
    (
        "email_invalid",
        "Це не схоже на адресу електронної пошти.",
        "That does not look like an e-mail address.",
    ),
    (
        "name_invalid",
        "Ім'я: не більше 100 знаків, без керівних символів.",
        "The name: at most 100 characters, no control characters.",
    ),
];

/// Nouns that follow a number, in each form of each language's plural rules: Ukrainian one,
/// few, many and other (a fraction); English one and other.
const COUNTED: &[(&str, [&str; 4], [&str; 2])] = &[
    (
        "points",
        ["бал", "бали", "балів", "бала"],
        ["point", "points"],
    ),
    (
        "coins",
        ["монета", "монети", "монет", "монети"],
        ["coin", "coins"],
    ),
    (
        "answers",
        ["відповідь", "відповіді", "відповідей", "відповіді"],
        ["answer", "answers"],
    ),
    (
        "open_tasks",
        ["відкрите", "відкриті", "відкритих", "відкритого"],
        ["open", "open"],
    ),
    (
        "volunteers",
        ["волонтер", "волонтери", "волонтерів", "волонтера"],
        ["volunteer", "volunteers"],
    ),
    (
        "gold_tasks",
        [
            "контрольне завдання",
            "контрольні завдання",
            "контрольних завдань",
            "контрольного завдання",
        ],
        ["check task", "check tasks"],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_choice_wins_by_weight() {
        let fallback = Language::Uk;
        assert_eq!(Language::negotiate(None, fallback), Language::Uk);
        assert_eq!(
            Language::negotiate(Some("en-US,en;q=0.9"), fallback),
            Language::En
        );
        assert_eq!(
            Language::negotiate(Some("de, en;q=0.5, uk;q=0.8"), Language::En),
            Language::Uk
        );
        assert_eq!(
            Language::negotiate(Some("fr, de"), Language::En),
            Language::En
        );
        assert_eq!(
            Language::negotiate(Some("en;q=0, ;;;"), fallback),
            Language::Uk
        );
    }

    #[test]
    fn numbers_take_the_noun_form_their_language_asks_for() {
        let uk = |n: &str| Language::Uk.counted(n, "points");
        assert_eq!(
            ["1", "2", "4", "5", "11", "12", "21", "22", "25", "0", "1.5"].map(uk),
            [
                "1 бал",
                "2 бали",
                "4 бали",
                "5 балів",
                "11 балів",
                "12 балів",
                "21 бал",
                "22 бали",
                "25 балів",
                "0 балів",
                "1.5 бала",
            ]
        );
        assert_eq!(Language::Uk.counted("3", "coins"), "3 монети");
        assert_eq!(Language::Uk.counted("1", "answers"), "1 відповідь");
        let en = |n: &str| Language::En.counted(n, "coins");
        assert_eq!(
            ["1", "2", "0", "1.5"].map(en),
            ["1 coin", "2 coins", "0 coins", "1.5 coins"]
        );
        for (key, uk, en) in COUNTED {
            assert!(uk.iter().chain(en).all(|form| !form.is_empty()), "{key}");
        }
    }

    #[test]
    fn every_key_has_both_languages() {
        for (key, uk, en) in STRINGS {
            assert!(!uk.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(
                STRINGS.iter().filter(|(k, _, _)| k == key).count(),
                1,
                "{key}"
            );
        }
        assert_eq!(Language::En.text("sign_in"), "Sign in");
        assert_eq!(Language::Uk.text("missing key"), "??");
    }
}
