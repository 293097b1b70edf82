using System.Threading.RateLimiting;
using DanVanKheo.Silo.Api;
using DanVanKheo.Silo.Audit;
using DanVanKheo.Silo.Live;
using DanVanKheo.Silo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace DanVanKheo.Silo.Hosting;

/// <summary>The web half of the host: REST API, live feed, dashboard, sign-in and limits.</summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddDanVanKheoApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiLimits>().BindConfiguration(ApiLimits.Section);
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        services.AddOptions<AuthSettings>().BindConfiguration(AuthSettings.Section);
        var limits = builder.Configuration.GetSection(ApiLimits.Section).Get<ApiLimits>() ?? new ApiLimits();
        var auth = builder.Configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiExceptionHandler.AddProblemCode);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "DanVanKheo API";
            document.Info.Description = "Live tallies of \"Dân vận khéo\" models at every administrative level of Viet Nam.";
            return Task.CompletedTask;
        }));
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<UnitReader>();
        services.AddSingleton<UnitIndex>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AuditTrail>();
        services.TryAddSingleton<IAuditStore, GrainAuditStore>(); // durable mode registers PostgresAuditStore first
        services.AddSingleton<CsvBody>();
        services.AddScoped<ScopeGuard>();
        services.AddScoped<ModelWrites>();
        services.AddHostedService<FirstAdmin>();

        services.AddAuthentication(DvkClaims.SmartScheme)
            .AddPolicyScheme(DvkClaims.SmartScheme, "cookie or token", o =>
                o.ForwardDefaultSelector = http => TokenAuthenticationHandler.HasToken(http.Request) ? DvkClaims.TokenScheme : DvkClaims.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(DvkClaims.TokenScheme, null)
            .AddCookie(DvkClaims.CookieScheme, o =>
            {
                o.Cookie.Name = "dvk.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = c => AuthProblems.WriteAsync(c.HttpContext, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c => AuthProblems.WriteAsync(c.HttpContext, StatusCodes.Status403Forbidden),
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Read, p => p.RequireAssertion(c => auth.AnonymousReads || c.User.Identity?.IsAuthenticated == true))
            .AddPolicy(ApiPolicies.Admin, p => p.RequireRole(Roles.Admin));

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "ip:" + http.Connection.RemoteIpAddress,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RequestsPerWindow, Window = limits.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("static"));
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(limits.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = ApiExceptionHandler.Problem(
                        StatusCodes.Status429TooManyRequests,
                        "rate-limited",
                        $"more than {limits.RequestsPerWindow} requests in {limits.Window.TotalSeconds:0} s; try again shortly / quá nhiều yêu cầu"),
                });
            };
        });
        return builder;
    }

    public static WebApplication MapDanVanKheoApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", o => o.WithTitle("DanVanKheo API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        var api = app.MapGroup("/api");
        api.MapUnitEndpoints();
        api.MapModelEndpoints();
        api.MapLiveEndpoints();
        api.MapAuditEndpoints();
        api.MapAuthEndpoints();
        api.MapFallback(() => Results.Problem(ApiExceptionHandler.Problem(StatusCodes.Status404NotFound, "no-such-endpoint", "no API endpoint at this path")));
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithTags("health");
        return app;
    }
}
