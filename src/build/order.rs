//! Step 1 of a build: every file's front matter is read (the bodies of a
//! sample tell the archive's structure) and the issues are put in archive
//! order (date, number, path), each with its unique key.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::cache::{Known, Scans};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::{ErrorKind, InputError, Spot};
use crate::input::structure::{self, Profile};
use crate::input::{self, Header, LoadOptions, Loaded, Reader};
use crate::model::{KeyClashes, archive_order, unique_keys};

/// An issue file in archive order: its front matter's [`Header`], boxed.
/// The order holds one per issue for the whole build: its key and title
/// share one allocation ([`Entry::key`], [`Entry::title`]).
pub struct Entry {
    /// The key, unique in the archive ([`unique_keys`]), then its title.
    text: Box<str>,
    /// Bytes of the key in `text`.
    key_len: u32,
    pub number: Option<u32>,
    pub date: DateTime<FixedOffset>,
    pub path: Box<Path>,
    /// Index of the file in the folder listing: errors are reported in that order.
    pub file: usize,
    /// What the header cache knows of the file, unchanged since it was
    /// stored: the fold then need not read it.
    pub known: Option<Known>,
}

impl Entry {
    fn of(header: Header, path: PathBuf, file: usize, known: Option<Known>) -> Entry {
        let key = header.key();
        let Header { number, title, date, .. } = header;
        Entry::new(&key, &title, number, date, path.into_boxed_path(), file, known)
    }

    /// An entry of an issue with `key` and `title`.
    pub fn new(
        key: &str,
        title: &str,
        number: Option<u32>,
        date: DateTime<FixedOffset>,
        path: Box<Path>,
        file: usize,
        known: Option<Known>,
    ) -> Entry {
        let (text, key_len) = key_and_title(key, title);
        Entry { text, key_len, number, date, path, file, known }
    }

    /// The page name and id of the issue.
    pub fn key(&self) -> &str {
        self.text.get(..self.key_len as usize).unwrap_or_default()
    }

    /// The title, from its front matter.
    pub fn title(&self) -> &str {
        self.text.get(self.key_len as usize..).unwrap_or_default()
    }

    /// Gives the entry its key, unique in the archive.
    fn set_key(&mut self, key: &str) {
        (self.text, self.key_len) = key_and_title(key, self.title());
    }

    /// The error for a file that changed since its header was read.
    pub fn changed(&self) -> InputError {
        InputError {
            path: self.path.to_path_buf(),
            spot: Spot::at(1, 1),
            source_line: None,
            kind: ErrorKind::Unreadable("the file changed while the build read it".to_owned()),
        }
    }
}

/// `key` then `title` in one allocation, and the length of `key`.
fn key_and_title(key: &str, title: &str) -> (Box<str>, u32) {
    let mut text = String::with_capacity(key.len() + title.len());
    text.push_str(key);
    text.push_str(title);
    // A key is a number or a date, with a suffix when issues share one.
    (text.into_boxed_str(), u32::try_from(key.len()).unwrap_or(u32::MAX))
}

/// What reading every file's header found (and the bodies of a sample):
/// the issues in archive order and the archive's structure. It reads none
/// of the keys [`crate::init::complete`] infers, so those can be inferred
/// from it (from [`Headers::sample`]) before the build's [`Order`] is made.
pub struct Headers {
    pub entries: Vec<Entry>,
    /// Files whose front matter is invalid, with their index in the listing.
    pub failed: Vec<(usize, InputError)>,
    /// What the headers warn of (bad dates…).
    pub warnings: Vec<Diagnostic>,
    /// How the keys of issues sharing a number or date were told apart.
    pub clashes: KeyClashes,
    /// The structure inferred from the sample's bodies.
    pub profile: Profile,
    /// Files listed: what [`structure::in_sample`] needs.
    listed: usize,
}

impl Headers {
    /// Reads the header of every file of `files`, and the bodies of a
    /// sample of them spread over the archive ([`structure::in_sample`]),
    /// which tell its structure.
    pub fn read(files: Vec<PathBuf>, config: &Config) -> Result<Headers> {
        Headers::read_cached(files, config, None)
    }

    /// [`Headers::read`], taking what the last build found in each
    /// unchanged file from `scans`, the header pass's cache.
    pub fn read_cached(files: Vec<PathBuf>, config: &Config, scans: Option<&Scans>) -> Result<Headers> {
        let mut reader = Reader::new(config)?;
        let listed = files.len();
        let scan = |path: &PathBuf| {
            let shape = structure::in_sample(path, listed);
            match scans {
                Some(scans) => scans.scan(&reader, path, shape),
                None => reader.scan(path, shape).map(|found| (found, None)),
            }
        };
        let scanned: Vec<_> = files.par_iter().map(scan).collect();
        let mut shapes = Vec::new();
        let mut failed = Vec::new();
        let mut warnings = Vec::new();
        let mut entries = Vec::with_capacity(files.len());
        for (file, (path, scan)) in files.into_iter().zip(scanned).enumerate() {
            match scan {
                Ok((Some((mut header, shape)), known)) => {
                    shapes.extend(shape);
                    warnings.append(&mut header.warnings);
                    entries.push(Entry::of(header, path, file, known));
                }
                Ok((None, _)) => {}
                Err(error) => failed.push((file, error)),
            }
        }
        reader.infer(&shapes)?;
        entries.shrink_to_fit();
        let place = archive_order;
        entries.sort_by(|a, b| place(a.date, a.number, &a.path).cmp(&place(b.date, b.number, &b.path)));
        // Every issue gets its own page, whatever numbers and dates it shares.
        // Each entry is made again, in order, once the scans' memory is
        // freed: packed together, not strewn over what the threads freed.
        let (keys, clashes) = unique_keys(entries.iter().map(|e| (e.number, e.date, &*e.path)));
        super::memory::release();
        for (entry, key) in entries.iter_mut().zip(keys) {
            entry.set_key(&key);
            entry.path = Box::from(&*entry.path);
        }
        Ok(Headers { entries, failed, warnings, clashes, profile: reader.into_profile(), listed })
    }

    /// The sample's valid issues, parsed with `config` and the structure
    /// found ([`Headers::profile`], not inferred again), as
    /// [`crate::input::load_dir`] gives the archive: what
    /// [`crate::init::complete`] infers the left-out keys from.
    pub fn sample(&self, config: &Config) -> Result<Loaded> {
        let reader = Reader::with_profile(config, self.profile.clone())?;
        let files: Vec<PathBuf> = self
            .entries
            .iter()
            .filter(|e| structure::in_sample(&e.path, self.listed))
            .map(|e| e.path.to_path_buf())
            .collect();
        Ok(input::read_files(reader, &files, Vec::new(), LoadOptions::default()))
    }
}

/// The archive's issues in order, and what reading their headers found.
pub struct Order<'a> {
    /// What parses the issues, with the structure the headers' pass found.
    pub reader: Reader<'a>,
    pub entries: Vec<Entry>,
    /// Files whose front matter is invalid, with their index in the listing.
    pub failed: Vec<(usize, InputError)>,
    /// What the headers warn of (bad dates…).
    pub warnings: Vec<Diagnostic>,
    /// How the keys of issues sharing a number or date were told apart.
    pub clashes: KeyClashes,
}

impl<'a> Order<'a> {
    /// The order `headers` found, with a reader of `config` that parses
    /// with the structure they found: no file is read. `config` may differ
    /// from the one the headers were read with in the keys
    /// [`crate::init::complete`] infers (see [`Reader::with_profile`]).
    pub fn new(headers: Headers, config: &'a Config) -> Result<Order<'a>> {
        let Headers { entries, failed, warnings, clashes, profile, .. } = headers;
        let reader = Reader::with_profile(config, profile)?;
        Ok(Order { reader, entries, failed, warnings, clashes })
    }

    /// Reads the header of every file of `files` (the bodies of a sample
    /// too): [`Headers::read`], then [`Order::new`].
    pub fn read(files: Vec<PathBuf>, config: &'a Config) -> Result<Order<'a>> {
        Order::new(Headers::read(files, config)?, config)
    }
}
