//! The `roadmap` binary: parses the command line, then opens the window or runs a subcommand.

use std::process::ExitCode;

use clap::Parser as _;
use roadmap::app::RoadmapApp;
use roadmap::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match args.command {
        Some(Command::Check { file }) => cli::check(file.as_deref(), &mut out, &mut err),
        Some(Command::Schema) => cli::schema(&mut out),
        None => {
            let loaded = match cli::load(args.file.as_deref()) {
                Ok(loaded) => loaded,
                Err(e) => {
                    cli::print_problems(&e, &mut err);
                    return ExitCode::FAILURE;
                }
            };
            drop((out, err));
            run_window(RoadmapApp::new(loaded))
        }
    }
}

fn run_window(app: RoadmapApp) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.window_title())
            .with_app_id("roadmap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([480.0, 320.0]),
        ..Default::default()
    };
    match eframe::run_native("Roadmap", options, Box::new(|_cc| Ok(Box::new(app)))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
