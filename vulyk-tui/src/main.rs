fn main() -> std::process::ExitCode {
    vulyk_tui::main_entry()
}
