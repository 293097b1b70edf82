using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DanVanKheo.Silo.Api;

/// <summary>Thrown by the API when the caller may not do what it asked; becomes a 403 problem.</summary>
public sealed class ForbiddenException(string problem, string message) : Exception(message)
{
    public string Problem { get; } = problem;
}

/// <summary>
/// Every error leaves as RFC 9457 problem details with a stable <c>problem</c> code: refusals
/// (<see cref="DvkException"/>) are 400, or 404 for <c>not-found</c>; bad request bodies 400, oversize 413.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string TypeBase = "https://danvankheo.vn/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = Problem(status, code, detail),
        });
    }

    /// <summary>Answers the framework writes itself (status-code pages, body limits) get a problem code too.</summary>
    public static void AddProblemCode(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        if (details.Extensions.ContainsKey("problem"))
        {
            return;
        }

        var code = details.Status switch
        {
            StatusCodes.Status401Unauthorized => "unauthenticated",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "body-too-large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            StatusCodes.Status429TooManyRequests => "rate-limited",
            _ => "bad-request",
        };
        details.Extensions["problem"] = code;
        details.Type = TypeBase + code;
    }

    public static ProblemDetails Problem(int status, string code, string detail) => new()
    {
        Status = status,
        Type = TypeBase + code,
        Title = code,
        Detail = detail,
        Extensions = { ["problem"] = code },
    };

    private static (int Status, string Code, string Detail) Classify(Exception exception) => exception switch
    {
        DvkException { Problem: "bad-credentials" } e => (StatusCodes.Status401Unauthorized, e.Problem, e.Message),
        DvkException { Problem: "not-found" } e => (StatusCodes.Status404NotFound, e.Problem, e.Message),
        DvkException e => (StatusCodes.Status400BadRequest, e.Problem, e.Message),
        ForbiddenException e => (StatusCodes.Status403Forbidden, e.Problem, e.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "body-too-large", "the request body is larger than the server accepts / dữ liệu gửi lên quá lớn"),
        BadHttpRequestException e when e.InnerException is JsonException json =>
            (StatusCodes.Status400BadRequest, "bad-json", $"the JSON body is not valid: {json.Message}"),
        BadHttpRequestException e => (e.StatusCode, "bad-request", e.Message),
        JsonException e => (StatusCodes.Status400BadRequest, "bad-json", $"the JSON body is not valid: {e.Message}"),
        TooManyRowsException e => (StatusCodes.Status413PayloadTooLarge, "too-many-rows", e.Message),
        System.Text.DecoderFallbackException => (StatusCodes.Status400BadRequest, "bad-encoding", "the body is not valid UTF-8 / dữ liệu không phải UTF-8"),
        _ => (0, "", ""),
    };
}
