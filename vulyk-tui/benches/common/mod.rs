//! What the benchmarks share: running the release `vulyk` and watching its peak memory,
//! and the task lines they load.
#![allow(dead_code)] // Each benchmark uses a part.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Child, Output};
use std::time::{Duration, Instant};

/// Waits for `child`, polling its `VmHWM` (peak resident memory, KiB) from /proc, and returns
/// its output, how long it ran since `started`, and that peak.
pub fn wait_watching_memory(mut child: Child, started: Instant) -> (Output, Duration, u64) {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    while child.try_wait().expect("wait").is_none() {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kib: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kib = peak_kib.max(kib);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = started.elapsed();
    (child.wait_with_output().expect("output"), elapsed, peak_kib)
}

/// The benchmarks' task lines (`target/bench-data/tasks-N.jsonl`): `count` declaration-like
/// tasks, written once and shared — every benchmark loads the same input, whichever of them
/// made it.
pub fn ensure_lines(path: &Path, count: usize) {
    if path.exists() {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("dir")).expect("bench data dir");
    eprintln!("generating {}", path.display());
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    for n in 0..count {
        writeln!(out, "{}", task_line(n, &mut rng)).expect("write");
    }
    out.flush().expect("flush");
}

fn next(rng: &mut u64) -> u64 {
    // xorshift64*: deterministic input, no dependency.
    *rng ^= *rng >> 12;
    *rng ^= *rng << 25;
    *rng ^= *rng >> 27;
    rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

fn pick<'a>(rng: &mut u64, items: &[&'a str]) -> &'a str {
    items[(next(rng) % items.len() as u64) as usize]
}

/// A declaration-like task of about 500 bytes, with Ukrainian text and numbers that vary as in
/// real data (it compresses about as well as real declarations do, not better).
fn task_line(n: usize, rng: &mut u64) -> String {
    const SURNAMES: &[&str] = &[
        "Петренко",
        "Коваленко",
        "Бондаренко",
        "Ткаченко",
        "Шевченко",
        "Мельник",
        "Олійник",
        "Гнатюк",
        "Савчук",
        "Руденко",
        "Зінченко",
        "Поліщук",
    ];
    const NAMES: &[&str] = &[
        "Петро Петрович",
        "Олена Іванівна",
        "Андрій Васильович",
        "Ірина Сергіївна",
        "Юрій Богданович",
        "Марія Степанівна",
        "Оксана Андріївна",
    ];
    const OFFICES: &[&str] = &[
        "Міністерство юстиції України",
        "Державна податкова служба",
        "Львівська обласна рада",
        "Одеська митниця",
        "Харківський апеляційний суд",
        "Верховна Рада України",
    ];
    const POSITIONS: &[&str] = &[
        "директор департаменту",
        "начальник відділу",
        "суддя",
        "головний спеціаліст",
        "заступник міністра",
        "радник",
    ];
    const STREETS: &[&str] = &[
        "Шевченка",
        "Франка",
        "Лесі Українки",
        "Грушевського",
        "Хмельницького",
        "Сагайдачного",
        "Володимирська",
        "Бандери",
        "Стуса",
    ];
    const CITIES: &[&str] = &[
        "Київ",
        "Львів",
        "Харків",
        "Одеса",
        "Дніпро",
        "Луцьк",
        "Ужгород",
        "Полтава",
        "Чернігів",
        "Вінниця",
    ];
    const ASSETS: &[&str] = &[
        "квартира",
        "житловий будинок",
        "земельна ділянка",
        "гараж",
        "садовий будинок",
        "нежитлове приміщення",
        "автомобіль легковий",
        "мотоцикл",
    ];
    let estate: Vec<String> = (0..3)
        .map(|_| {
            format!(
                "{} {:.1} м², м. {}, вул. {}, {}",
                pick(rng, ASSETS),
                (next(rng) % 20_000) as f64 / 10.0,
                pick(rng, CITIES),
                pick(rng, STREETS),
                next(rng) % 200 + 1
            )
        })
        .collect();
    format!(
        r#"{{"link": "https://example.org/decl/{n:07}.pdf", "full_name": "{} {}", "office": "{}", "position": "{}", "year": {}, "inn": "{:010}", "income": {}, "area": {:.2}, "estate": ["{}", "{}"], "bank": "UA{:027}"}}"#,
        pick(rng, SURNAMES),
        pick(rng, NAMES),
        pick(rng, OFFICES),
        pick(rng, POSITIONS),
        2013 + next(rng) % 4,
        next(rng) % 10_000_000_000,
        next(rng) % 5_000_000,
        (next(rng) % 100_000) as f64 / 100.0,
        estate[0],
        estate[1],
        u128::from(next(rng)) * 1_000_000_000 % 10u128.pow(27),
    )
}
