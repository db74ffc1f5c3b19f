//! Errors as the API reports them: a status and a JSON body that says what went wrong
//! and, for a bad parameter, which one.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for people.
    pub error: String,
    /// The query or path parameter at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
}

/// An error on its way to becoming a response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub param: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into(), param: None }
    }

    pub fn bad_param(param: impl Into<String>, reason: impl Into<String>) -> ApiError {
        let param = param.into();
        ApiError { status: StatusCode::BAD_REQUEST, message: format!("{param}: {}", reason.into()), param: Some(param) }
    }

    pub fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }

    pub fn busy() -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is busy; try again")
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Param { param, reason } => ApiError::bad_param(param, reason),
            StoreError::TimedOut => ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "the query took longer than the server allows; narrow the filter",
            ),
            other => {
                eprintln!("dateline serve: {other}");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.message, param: self.param })).into_response()
    }
}
