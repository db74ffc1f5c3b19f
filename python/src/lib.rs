//! dateline for Python: the same engine as the `dateline` command, in a Python
//! process, a pandas job or a Spark executor.
//!
//! - `dateline.extract(texts, date=None) -> list[dict]`: each text's document in the
//!   JSON model `dateline extract` prints.
//! - `dateline.process_batch(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch`: from
//!   columns `id`, `text` (and optional `date`, `url`), one row per event with the
//!   export's event columns (GDELT's 61, then dateline's), for `mapInArrow`.
//! - `dateline.event_schema()`, `dateline.versions()`, `dateline.configure(...)`.
//!
//! The engine (dictionaries, place index) is built once per process, on first use, and
//! shared by every call and thread; calls code on all cores of the process with the
//! GIL released (`RAYON_NUM_THREADS` bounds the cores, e.g. one per Spark task).

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use arrow::array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Schema};
use arrow::pyarrow::PyArrowType;
use dateline_core::Date;
use dateline_engine::{Config, Document, Engine, PlaceIndex};
use dateline_export::Codes;
use dateline_ingest::Record;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

struct Pipeline {
    engine: Engine,
    codes: Codes,
}

static CONFIG: Mutex<Option<Config>> = Mutex::new(None);
static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();

/// The configuration when `configure` was not called: the built-in dictionaries with
/// the directories in `DATELINE_DICT` (separated by `:`) over them, the place index
/// found as the command finds it (`DATELINE_DATA`).
fn default_config() -> Config {
    let dicts = std::env::var_os("DATELINE_DICT").map(|v| std::env::split_paths(&v).collect()).unwrap_or_default();
    Config { dicts, ..Config::default() }
}

fn pipeline() -> PyResult<&'static Pipeline> {
    let built = PIPELINE.get_or_init(|| {
        let config = CONFIG.lock().ok().and_then(|c| c.clone()).unwrap_or_else(default_config);
        let engine = Engine::new(&config).map_err(|e| e.to_string())?;
        let codes = Codes::new(engine.lexicon(), engine.gazetteer());
        Ok(Pipeline { engine, codes })
    });
    built.as_ref().map_err(|e| PyRuntimeError::new_err(format!("dateline: {e}")))
}

/// Sets what the engine is built from; only before the first call that codes.
/// `dicts`: dictionary directories laid over the built-in ones; `gazetteer`: the place
/// index directory; `places=False`: countries and large regions only.
#[pyfunction]
#[pyo3(signature = (dicts = None, gazetteer = None, places = true))]
fn configure(dicts: Option<Vec<PathBuf>>, gazetteer: Option<PathBuf>, places: bool) -> PyResult<()> {
    if PIPELINE.get().is_some() {
        return Err(PyRuntimeError::new_err("dateline.configure: the engine is built already (configure before the first call that codes)"));
    }
    let place_index = match (places, gazetteer) {
        (false, _) => PlaceIndex::Off,
        (true, Some(dir)) => PlaceIndex::Dir(dir),
        (true, None) => PlaceIndex::Default,
    };
    let config = Config { dicts: dicts.unwrap_or_default(), place_index, default_date: None };
    *CONFIG.lock().map_err(|_| PyRuntimeError::new_err("dateline.configure: poisoned"))? = Some(config);
    Ok(())
}

fn parse_date(date: Option<&str>) -> PyResult<Option<Date>> {
    match date {
        None => Ok(None),
        Some(s) => Date::parse(s).filter(|d| d.day.is_some()).map(Some).ok_or_else(|| PyValueError::new_err(format!("date: {s:?} is not a date (YYYY-MM-DD)"))),
    }
}

/// Codes records on the process's cores, in order, with the GIL released.
fn code(py: Python<'_>, p: &'static Pipeline, records: Vec<Record>, default_date: Option<Date>) -> Vec<Document> {
    py.detach(|| records.into_par_iter().map(|r| p.engine.document(&p.engine.run_with_default(r, default_date))).collect())
}

/// The texts' documents, each as the dict of the JSON model `dateline extract` prints.
/// `texts`: a string or a list of strings (their ids are "0", "1", ...); `date`: the
/// publication date (YYYY-MM-DD) that dates "on Monday" and "last week".
#[pyfunction]
#[pyo3(signature = (texts, date = None))]
fn extract<'py>(py: Python<'py>, texts: &Bound<'py, PyAny>, date: Option<&str>) -> PyResult<Bound<'py, PyList>> {
    let texts: Vec<String> = if texts.is_instance_of::<PyString>() {
        vec![texts.extract()?]
    } else {
        texts.extract().map_err(|_| PyValueError::new_err("texts: a string or a list of strings"))?
    };
    let default_date = parse_date(date)?;
    let p = pipeline()?;
    let records = texts.into_iter().enumerate().map(|(i, t)| Record::from_fields(i.to_string(), t, None, None, format!("python:{i}"))).collect();
    let docs = code(py, p, records, default_date);
    let loads = py.import("json")?.getattr("loads")?;
    let out = PyList::empty(py);
    for d in &docs {
        let json = serde_json::to_string(d).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        out.append(loads.call1((json,))?)?;
    }
    Ok(out)
}

/// Column `name` as text (any Arrow type that casts to it), or `None` when absent.
fn text_column(batch: &RecordBatch, name: &str) -> PyResult<Option<StringArray>> {
    let Some(col) = batch.column_by_name(name) else { return Ok(None) };
    let utf8: ArrayRef = arrow::compute::cast(col, &DataType::Utf8).map_err(|e| PyValueError::new_err(format!("column {name:?}: {e}")))?;
    Ok(utf8.as_any().downcast_ref::<StringArray>().cloned())
}

fn cell(col: Option<&StringArray>, row: usize) -> Option<String> {
    col.filter(|c| c.is_valid(row)).map(|c| c.value(row).to_string())
}

/// The records of a batch: `id` and `text` required, `date` and `url` optional.
fn batch_records(batch: &RecordBatch) -> PyResult<Vec<Record>> {
    let need = |name: &str| text_column(batch, name)?.ok_or_else(|| PyValueError::new_err(format!("process_batch: no column {name:?} (columns: id, text, and optional date, url)")));
    let (ids, texts) = (need("id")?, need("text")?);
    let (dates, urls) = (text_column(batch, "date")?, text_column(batch, "url")?);
    Ok((0..batch.num_rows())
        .map(|row| {
            let id = cell(Some(&ids), row).unwrap_or_else(|| format!("row {row}"));
            let origin = format!("batch:{id}");
            Record::from_fields(id, cell(Some(&texts), row).unwrap_or_default(), cell(dates.as_ref(), row), cell(urls.as_ref(), row), origin)
        })
        .collect())
}

/// One row per event of the batch's texts, with the export's event columns (see
/// `event_schema()`); an event's GLOBALEVENTID is a stable hash of its document's id
/// and its place in the document, so executors never give two events one id.
#[pyfunction]
fn process_batch(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let p = pipeline()?;
    let records = batch_records(&batch.0)?;
    let docs = code(py, p, records, None);
    let coded_at = dateline_export::now_stamp();
    let events: Vec<_> = docs.iter().flat_map(|d| dateline_export::document_events(&p.codes, d, coded_at)).collect();
    let out = dateline_export::table::events_batch(&events).map_err(|e| PyRuntimeError::new_err(format!("process_batch: {e}")))?;
    Ok(PyArrowType(out))
}

/// The schema of `process_batch`'s result (for Spark's `mapInArrow`).
#[pyfunction]
fn event_schema() -> PyArrowType<Schema> {
    PyArrowType(dateline_export::table::schema(&dateline_export::table::event_columns()).as_ref().clone())
}

/// What codes: dateline's version, the dictionaries' digest, the place index's.
#[pyfunction]
fn versions(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let v = pipeline()?.engine.versions();
    let d = PyDict::new(py);
    d.set_item("dateline_version", &v.dateline_version)?;
    d.set_item("dict_version", &v.dict_version)?;
    d.set_item("place_index", &v.place_index)?;
    Ok(d)
}

#[pymodule]
fn dateline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(configure, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(process_batch, m)?)?;
    m.add_function(wrap_pyfunction!(event_schema, m)?)?;
    m.add_function(wrap_pyfunction!(versions, m)?)?;
    Ok(())
}
