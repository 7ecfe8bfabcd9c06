//! Settings: the flags, the `vnbrief.toml` file and the environment, resolved once into
//! what the stages need (as ripgrep resolves its flags into `HiArgs`). Below this module
//! nothing reads a flag, the config file or an environment variable of vnbrief's own.
//!
//! Precedence, highest first: a flag, `$VNBRIEF_MODELS` (models folder only), the config
//! file, the defaults.

use std::path::{Path, PathBuf};

use crate::classify::bert::Precision;
use crate::classify::encoder::EncoderOptions;
use crate::config::{Config, GenerateSection};
use crate::error::Result;
use crate::models::hub::{self, Choice, Stage};

/// The flags that choose models and data, as given (all optional).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub models: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub threads: Option<usize>,
    /// The encoder's arithmetic (default: what the classifier's own check chose).
    pub precision: Option<Precision>,
    pub translator: Option<String>,
    pub summarizer: Option<String>,
    pub termbase: Option<PathBuf>,
    pub lexicon: Option<PathBuf>,
    /// A folder of templates replacing the shipped ones by name.
    pub templates: Option<PathBuf>,
    /// No sentence classifier (`run --no-classify`).
    pub no_classify: bool,
    /// No model at all (`eval --no-model`): no classifier, the rules translator, no summarizer.
    pub no_model: bool,
    /// Choose the translator and summarizer (commands that run the stages); other
    /// commands leave both `Choice::None`, so a missing named model cannot stop them.
    pub choose_models: bool,
}

/// Everything decided before a model is loaded.
#[derive(Debug, Clone)]
pub struct Settings {
    pub models_dir: PathBuf,
    /// Threads for libtorch.
    pub threads: usize,
    /// Run the sentence classifier (it needs the installed models).
    pub classify: bool,
    pub encoder: EncoderOptions,
    /// The encoder's arithmetic when a flag chose it; else the classifier's own choice.
    pub precision: Option<Precision>,
    /// A termbase to use instead of the shipped one.
    pub termbase: Option<PathBuf>,
    /// A lexicon file whose entries win over the rules translator's shipped ones.
    pub lexicon: Option<PathBuf>,
    /// A folder of templates replacing the shipped ones by name.
    pub templates: Option<PathBuf>,
    /// The Marian model, or `Choice::None` for the rules translator.
    pub translator: Choice,
    /// The BART model, or `Choice::None` for the data-to-text summary.
    pub summarizer: Choice,
    pub translate: GenerateSection,
    pub summarize: GenerateSection,
    /// The memory a model may take to load.
    pub memory_limit: u64,
    /// The models the config file names, per stage (shown by `models list`).
    named: [Option<String>; 2],
}

impl Settings {
    pub fn resolve(flags: &Flags) -> Result<Settings> {
        let config = Config::load(flags.config.as_deref())?;
        let models_dir = match (&flags.models, &config.models.dir) {
            (None, Some(dir)) if std::env::var_os("VNBRIEF_MODELS").is_none() => dir.clone(),
            _ => models_dir(flags.models.as_deref()),
        };
        let named = [config.models.translator.clone(), config.models.summarizer.clone()];
        let flag_or_file = |flag: &Option<String>, file: &Option<String>| flag.clone().or_else(|| file.clone());
        let (translator, summarizer) = if flags.no_model || !flags.choose_models {
            (Choice::None, Choice::None)
        } else {
            let t = flag_or_file(&flags.translator, &named[0]);
            let s = flag_or_file(&flags.summarizer, &named[1]);
            (hub::choose(Stage::Translator, t.as_deref(), &models_dir)?, hub::choose(Stage::Summarizer, s.as_deref(), &models_dir)?)
        };
        Ok(Settings {
            threads: flags.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
            classify: !(flags.no_classify || flags.no_model),
            encoder: EncoderOptions::default(),
            precision: flags.precision,
            termbase: flags.termbase.clone(),
            lexicon: flags.lexicon.clone(),
            templates: flags.templates.clone(),
            translator,
            summarizer,
            memory_limit: config.memory_limit(),
            translate: config.translate,
            summarize: config.summarize,
            named,
            models_dir,
        })
    }

    /// The model the config file names for a stage, if any.
    pub fn named(&self, stage: Stage) -> Option<String> {
        match stage {
            Stage::Translator => self.named[0].clone(),
            Stage::Summarizer => self.named[1].clone(),
            Stage::Classifier => None,
        }
    }
}

/// The models directory: the flag, else `$VNBRIEF_MODELS`, else `./models` when it
/// exists, else the `models/` of the source tree this binary was built from.
pub fn models_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("VNBRIEF_MODELS") {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("models");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}
