using System.Security.Claims;
using DanVanKheo.Silo.Api;
using Microsoft.AspNetCore.Authentication;

namespace DanVanKheo.Silo.Security;

public sealed record LoginBody(string? UserName, string? Password);

public sealed record TokenBody(string? UserName, string? Password, string? Label);

public sealed record AccountView(string UserName, string DisplayName, string Role, string Scope);

public sealed record TokenView(string Token, AccountView Account);

public sealed record AccountBody(string? UserName, string? DisplayName, string? Role, string? Scope, string? Password);

/// <summary>Sign in (cookie, for the page), tokens (for programs), and accounts (admins).</summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("auth");
        auth.MapPost("/login", LoginAsync).WithSummary("Sign in with user name and password; sets the session cookie");
        auth.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(DvkClaims.CookieScheme);
            return TypedResults.NoContent();
        }).WithSummary("Sign out");
        auth.MapGet("/me", MeAsync).RequireAuthorization().WithSummary("The signed-in account");
        auth.MapPost("/tokens", TokenAsync).WithSummary("A bearer token for programs (dvk --api URL --token T)");

        var accounts = api.MapGroup("/accounts").WithTags("accounts").RequireAuthorization(ApiPolicies.Admin);
        accounts.MapGet("", async (AccountService service) =>
        {
            var names = await service.ListAsync();
            var views = new List<AccountView>();
            foreach (var name in names)
            {
                if (await service.GetAsync(name) is { } account)
                {
                    views.Add(View(account));
                }
            }

            return views;
        }).WithSummary("Every account");
        accounts.MapPost("", CreateAsync).WithSummary("Create an account (role viewer, editor or admin; scope unit)");
    }

    public static AccountView View(Account a) => new(a.UserName, a.DisplayName, a.Role.Code(), a.Scope);

    private static async Task<IResult> LoginAsync(LoginBody body, HttpContext http, AccountService accounts)
    {
        var account = await accounts.CheckPasswordAsync(body.UserName, body.Password) ?? throw BadCredentials();
        await http.SignInAsync(DvkClaims.CookieScheme, AccountService.Principal(account, DvkClaims.CookieScheme));
        return TypedResults.Ok(View(account));
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal user, AccountService accounts) =>
        await accounts.GetAsync(user.Identity!.Name!) is { } account ? TypedResults.Ok(View(account)) : throw DvkException.NotFound("account", user.Identity!.Name!);

    private static async Task<TokenView> TokenAsync(TokenBody body, AccountService accounts)
    {
        var account = await accounts.CheckPasswordAsync(body.UserName, body.Password) ?? throw BadCredentials();
        var label = Rules.RequireText(body.Label ?? "api", "label", 100, allowEmpty: true);
        return new TokenView(await accounts.IssueTokenAsync(account, label), View(account));
    }

    private static async Task<IResult> CreateAsync(AccountBody body, ClaimsPrincipal user, AccountService accounts, UnitReader units)
    {
        if (!Roles.TryParse(body.Role, out var role))
        {
            throw new DvkException("bad-role", $"role '{body.Role}' is not viewer, editor or admin");
        }

        var scope = (await units.RequireAsync(body.Scope ?? Rules.NationalCode)).Code;
        var adminScope = user.FindFirstValue(DvkClaims.Scope) ?? "";
        if (!await units.IsWithinAsync(scope, adminScope))
        {
            throw new ForbiddenException("outside-scope", $"scope '{scope}' is outside your own scope '{adminScope}'");
        }

        var account = await accounts.CreateAsync(body.UserName ?? "", body.DisplayName, role, scope, body.Password ?? "");
        return TypedResults.Created($"/api/accounts/{account.UserName}", View(account));
    }

    private static DvkException BadCredentials() =>
        new("bad-credentials", "wrong user name or password / sai tên đăng nhập hoặc mật khẩu");
}
