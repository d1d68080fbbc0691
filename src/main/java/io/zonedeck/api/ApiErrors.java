package io.zonedeck.api;

import io.zonedeck.agent.api.ApiError;
import io.zonedeck.base.ZoneDeckException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error of the REST API is JSON {code, message, errors[]}; no input yields a 500 with internals. */
@RestControllerAdvice(basePackages = "io.zonedeck.api")
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ZoneDeckException.class)
    ResponseEntity<ApiError> zoneDeck(ZoneDeckException e) {
        List<ApiError.FieldError> fields = e.errors().stream()
                .map(f -> new ApiError.FieldError(f.field(), f.code(), f.message()))
                .toList();
        return ResponseEntity.status(e.status()).body(new ApiError(e.code(), e.getMessage(), fields));
    }

    /** A body that is missing, not JSON, or against the strict JSON policy ({@link StrictJson}): 400 naming the field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        List<ApiError.FieldError> fields = StrictJson.problems(e).stream()
                .map(f -> new ApiError.FieldError(f.field(), f.code(), f.message()))
                .toList();
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(new ApiError(
                        "Invalid", "Invalid request body: " + fields.get(0).message(), fields));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Invalid", "Send the body as application/json");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "Invalid", "A parameter is missing or malformed");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed", e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "NotFound", "No such resource");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this");
    }

    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationCredentialsNotFoundException e) {
        return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication required");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected API error", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError", "Something went wrong on our side");
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ApiError.of(code, message));
    }
}
