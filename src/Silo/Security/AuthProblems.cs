using DanVanKheo.Silo.Api;

namespace DanVanKheo.Silo.Security;

/// <summary>401 and 403 as problem details, for pages and programs alike (no redirect to a login page).</summary>
public static class AuthProblems
{
    public static async Task WriteAsync(HttpContext http, int status)
    {
        var (code, detail) = status == StatusCodes.Status401Unauthorized
            ? ("unauthenticated", "sign in or send a token first / cần đăng nhập")
            : ("forbidden", "your role may not do this / vai trò của bạn không được phép");
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = ApiExceptionHandler.Problem(status, code, detail) });
    }
}
