using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace DanVanKheo.Silo.Security;

/// <summary>
/// Accounts and API tokens. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{T}"/>;
/// tokens are 256 random bits, stored only as their SHA-256, and cached here for a short while.
/// </summary>
public sealed class AccountService(IGrainFactory grains, IMemoryCache cache, TimeProvider time)
{
    private static readonly TimeSpan TokenCacheTime = TimeSpan.FromSeconds(30);
    private readonly PasswordHasher<Account> _hasher = new();

    public async Task<Account> CreateAsync(string userName, string? displayName, Role role, string scope, string password, bool replace = false)
    {
        userName = NormalizeUserName(userName);
        if (string.IsNullOrEmpty(password) || password.Length < 8 || password.Length > 200)
        {
            throw new DvkException("bad-password", "password must have 8 to 200 characters / mật khẩu phải có 8–200 ký tự");
        }

        scope = Rules.NormalizeUnitCode(scope);
        var draft = new Account(userName, Rules.RequireText(displayName ?? userName, "name", Rules.MaxNameLength), role, scope, "", time.GetUtcNow());
        var account = draft with { PasswordHash = _hasher.HashPassword(draft, password) };
        return await grains.GetGrain<IAccountGrain>(userName).Save(account, replace);
    }

    public async Task<Account?> CheckPasswordAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 200)
        {
            return null;
        }

        var account = await grains.GetGrain<IAccountGrain>(userName.Trim().ToLowerInvariant()).Get();
        if (account is null)
        {
            return null;
        }

        return _hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    public async Task<string> IssueTokenAsync(Account account, string label)
    {
        var token = "dvk_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key)
            .AddToken(Hash(token), new TokenInfo(account.UserName, label, time.GetUtcNow()));
        return token;
    }

    public async Task<Account?> FindByTokenAsync(string token)
    {
        if (token.Length is < 10 or > 200)
        {
            return null;
        }

        var hash = Hash(token);
        if (cache.TryGetValue(hash, out Account? cached))
        {
            return cached;
        }

        var info = await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).FindToken(hash);
        var account = info is null ? null : await grains.GetGrain<IAccountGrain>(info.UserName).Get();
        cache.Set(hash, account, TokenCacheTime);
        return account;
    }

    public Task<string[]> ListAsync() => grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).List();

    public Task<Account?> GetAsync(string userName) => grains.GetGrain<IAccountGrain>(NormalizeUserName(userName)).Get();

    public static ClaimsPrincipal Principal(Account account, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, account.UserName),
            new Claim(ClaimTypes.Role, account.Role.Code()),
            new Claim(DvkClaims.Scope, account.Scope),
        ],
        scheme,
        ClaimTypes.Name,
        ClaimTypes.Role));

    public static string NormalizeUserName(string? userName)
    {
        var name = (userName ?? "").Trim().ToLowerInvariant();
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new DvkException("bad-user-name", "user name must be 2–64 letters, digits, '.', '-', '_' / tên đăng nhập không hợp lệ");
        }

        return name;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
