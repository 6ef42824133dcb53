//! The `roadmap` binary: parses the command line, then opens the window or runs a subcommand.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use roadmap::app::RoadmapApp;
use roadmap::cli::{self, Cli, Command};
use roadmap::{model, settings, store};

#[expect(
    clippy::too_many_lines,
    reason = "one arm per subcommand, as `--help` lists them, and the window's start"
)]
fn main() -> ExitCode {
    let args = Cli::parse_args();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match args.command {
        Some(Command::Check { file, strict }) => {
            cli::check(file.as_deref(), strict, &mut out, &mut err)
        }
        Some(Command::Schema) => cli::schema(&mut out),
        Some(Command::Completions { shell }) => cli::completions(shell, &mut out),
        Some(Command::Manual) => cli::manual(&mut out),
        Some(Command::Fmt { check, file }) => cli::fmt(&file, check, &mut out, &mut err),
        Some(Command::Import { file, output }) => {
            cli::import(&file, output.as_deref(), &mut out, &mut err)
        }
        Some(Command::Bench { sizes, seed }) => cli::bench(&sizes, seed, &mut out, &mut err),
        Some(Command::Mark {
            topic,
            status,
            note,
            file,
        }) => cli::mark(
            file.as_deref(),
            args.progress.as_deref(),
            &topic,
            &status,
            note.as_deref(),
            &mut out,
            &mut err,
        ),
        Some(Command::Export {
            format,
            output,
            phase,
            no_notes,
            notes,
            theme,
            scale,
            paper,
            layers,
            start,
            hours_per_week,
            default_hours,
            file,
        }) => {
            if output.is_none()
                && roadmap::export::Format::from_name(&format)
                    .is_some_and(roadmap::export::Format::is_binary)
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
            {
                let _ = writeln!(
                    err,
                    "error: {format} is binary: give --output PATH, or redirect standard output"
                );
                return ExitCode::FAILURE;
            }
            let request = cli::ExportRequest {
                format: &format,
                output: output.as_deref(),
                options: roadmap::export::Options {
                    // Pictures and PDFs are made to share: notes only when asked for.
                    notes: notes
                        || (!no_notes
                            && roadmap::export::Format::from_name(&format)
                                .is_none_or(|f| !f.is_picture())),
                    phase,
                    default_hours,
                    look: theme.into(),
                    scale,
                    direction: layers.into(),
                    paper: match paper {
                        Some(cli::PaperName::A4) => roadmap::export::Paper::A4,
                        Some(cli::PaperName::Letter) => roadmap::export::Paper::Letter,
                        None => roadmap::export::Paper::from_locale(|v| std::env::var(v).ok()),
                    },
                    ..roadmap::export::Options::default()
                },
                plan: (start, hours_per_week),
            };
            cli::export_command(
                file.as_deref(),
                args.progress.as_deref(),
                &request,
                &mut out,
                &mut err,
            )
        }
        Some(Command::Plan {
            hours_per_week,
            start,
            file,
        }) => cli::plan(
            file.as_deref(),
            args.progress.as_deref(),
            (start, hours_per_week),
            &mut out,
            &mut err,
        ),
        Some(Command::Status { file }) => cli::status(
            file.as_deref(),
            args.progress.as_deref(),
            &mut out,
            &mut err,
        ),
        None => {
            let settings_path = settings::default_path();
            let (saved, warning) = settings_path
                .as_deref()
                .map(settings::load)
                .unwrap_or_default();
            if let Some(warning) = warning {
                eprintln!("warning: {warning}");
            }
            // Without FILE, the roadmap open last comes back; if it no longer opens, the
            // bundled one does.
            let mut file = args.file.clone();
            if file.is_none()
                && let Some(last) = saved.last_roadmap.clone()
            {
                if model::load_file(&last).is_ok() {
                    file = Some(last);
                } else {
                    eprintln!(
                        "warning: the roadmap open last, {}, does not open; showing the bundled roadmap",
                        last.display()
                    );
                }
            }
            // Another tool's file opens as File > Open imports it, over the bundled roadmap.
            let foreign = file.take_if(|p| {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                model::import::Format::of(&text) != model::import::Format::Roadmap
            });
            let loaded = match cli::load(file.as_deref()) {
                Ok(loaded) => loaded,
                Err(e) => {
                    cli::print_problems(&e, &mut err);
                    return ExitCode::FAILURE;
                }
            };
            // Without a data folder and without --progress there is nowhere to save: the app
            // is told so with `None` and keeps progress in memory only.
            let given = args.progress.is_some();
            let progress = args
                .progress
                .or_else(|| store::default_path(&loaded.roadmap.id));
            drop((out, err));
            let window_size = saved.window_size;
            let mut app = RoadmapApp::new(loaded, file)
                .with_progress_file(progress)
                .with_progress_folder(store::default_folder())
                .with_settings(saved, settings_path);
            if given {
                app = app.keeping_progress_file();
            }
            if args.present {
                app = app.presenting_on_start();
            }
            if let Some(path) = foreign {
                app = app.importing_on_start(path);
            }
            run_window(app, args.screenshot, window_size)
        }
    }
}

/// How the window ended.
enum Ran {
    /// In this process.
    Here,
    /// In a child process started with the OpenGL renderer, which ended with this code.
    Child(ExitCode),
}

/// Opens the window with wgpu (which itself falls back to a software adapter). When wgpu cannot
/// start, the program runs itself again with OpenGL (glow), since a window system connection
/// cannot be opened twice in one process; `ROADMAP_RENDERER=glow` or `wgpu` picks one. Every
/// failure is an error message, never a panic.
fn run_with_fallback(app: RoadmapApp, viewport: egui::ViewportBuilder) -> Result<Ran, String> {
    let renderer = match std::env::var("ROADMAP_RENDERER").as_deref() {
        Ok("glow") => eframe::Renderer::Glow,
        Ok("wgpu" | "") | Err(_) => eframe::Renderer::Wgpu,
        Ok(other) => {
            return Err(format!(
                "unknown ROADMAP_RENDERER `{other}`; use `wgpu` or `glow`"
            ));
        }
    };
    let chosen = std::env::var_os("ROADMAP_RENDERER").is_some_and(|v| !v.is_empty());
    if std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && cfg!(all(unix, not(target_os = "macos")))
    {
        return Err(
            "cannot open the window: no display (neither DISPLAY nor WAYLAND_DISPLAY \
                    is set); the command line works without one, see `roadmap --help`"
                .to_owned(),
        );
    }
    // The app moves into the window once the renderer has started.
    let slot = std::rc::Rc::new(std::cell::RefCell::new(Some(app)));
    let taken = std::rc::Rc::clone(&slot);
    let options = eframe::NativeOptions {
        viewport,
        renderer,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Roadmap",
        options,
        Box::new(move |_cc| {
            let app = taken
                .borrow_mut()
                .take()
                .ok_or("the window was already opened")?;
            Ok(Box::new(app))
        }),
    );
    let Err(e) = result else {
        return Ok(Ran::Here);
    };
    let started = slot.borrow().is_none();
    let window_system = matches!(
        e,
        eframe::Error::Winit(_) | eframe::Error::WinitEventLoop(_)
    );
    if started || chosen || window_system || renderer == eframe::Renderer::Glow {
        return Err(format!("cannot open the window ({renderer}): {e}"));
    }
    eprintln!("warning: the wgpu renderer did not start ({e}); trying OpenGL");
    let exe = std::env::current_exe().map_err(|e| format!("cannot run again with OpenGL: {e}"))?;
    let status = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("ROADMAP_RENDERER", "glow")
        .status()
        .map_err(|e| format!("cannot run again with OpenGL: {e}"))?;
    Ok(Ran::Child(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }))
}

fn run_window(
    mut app: RoadmapApp,
    screenshot: Option<PathBuf>,
    window_size: Option<[f32; 2]>,
) -> ExitCode {
    let shot_result = Arc::new(Mutex::new(None));
    if let Some(path) = &screenshot {
        app.screenshot_to(path.clone(), Arc::clone(&shot_result));
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.window_title())
        .with_app_id("roadmap")
        .with_inner_size(window_size.unwrap_or([1280.0, 800.0]))
        .with_min_inner_size([480.0, 320.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("warning: the window icon could not be read: {e}"),
    }
    let frames = app.frame_counter();
    let started = std::time::Instant::now();
    match run_with_fallback(app, viewport) {
        Ok(Ran::Here) => {}
        Ok(Ran::Child(code)) => return code,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    // For measuring that an idle window paints nothing.
    if std::env::var_os("ROADMAP_FRAME_STATS").is_some() {
        eprintln!(
            "frames painted: {} in {:.1} s",
            frames.load(std::sync::atomic::Ordering::Relaxed),
            started.elapsed().as_secs_f64()
        );
    }
    let Some(path) = screenshot else {
        return ExitCode::SUCCESS;
    };
    match shot_result.lock().map(|r| r.clone()) {
        Ok(Some(Ok(()))) => ExitCode::SUCCESS,
        Ok(Some(Err(e))) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        _ => {
            eprintln!(
                "error: the window closed before a screenshot was taken for {}",
                path.display()
            );
            ExitCode::FAILURE
        }
    }
}
