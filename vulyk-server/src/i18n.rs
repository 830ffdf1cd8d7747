//! Interface strings in Ukrainian and English. The language is the browser's first choice
//! among ours (`Accept-Language`), else the site's setting.

use serde::Serialize;

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
    ("tasks_open", "відкритих", "open"),
    ("your_answers", "ваших відповідей", "your answers"),
    ("position", "місце", "position"),
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
    ("points_short", "балів", "points"),
    ("coins_short", "монет", "coins"),
    ("important", "важливо", "important"),
    ("tasks_done", "Виконано завдань", "Tasks done"),
    ("batches_worked", "Пакетів", "Batches"),
    ("hours_worked", "Годин роботи", "Hours of work"),
    ("donated_by_me", "Пожертвувано монет", "Coins given"),
    ("site_numbers", "На сайті", "On the site"),
    ("volunteers", "волонтерів", "volunteers"),
    ("coins_earned", "монет зароблено", "coins earned"),
    ("coins_donated", "монет пожертвувано", "coins given"),
    ("new_badge", "Нове досягнення", "New achievement"),
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
