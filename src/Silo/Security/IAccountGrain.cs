namespace DanVanKheo.Silo.Security;

/// <summary>One staff account, keyed by its user name in lower case.</summary>
[Alias("dvk.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account, or replaces it when <paramref name="replace"/> is set.</summary>
    [Alias("Save")]
    Task<Account> Save(Account account, bool replace);

    [Alias("Get")]
    Task<Account?> Get();
}

/// <summary>
/// The list of accounts and the index of API tokens (by SHA-256 of the token: the token itself is never
/// stored). A single grain: accounts are few and token look-ups are cached by each host.
/// </summary>
[Alias("dvk.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "accounts";

    [Alias("Add")]
    Task Add(string userName);

    [Alias("List")]
    Task<string[]> List();

    [Alias("AddToken")]
    Task AddToken(string tokenHash, TokenInfo info);

    [Alias("FindToken")]
    Task<TokenInfo?> FindToken(string tokenHash);

    [Alias("RevokeTokens")]
    Task<int> RevokeTokens(string userName);
}

[GenerateSerializer, Immutable, Alias("dvk.TokenInfo")]
public sealed record TokenInfo(
    [property: Id(0)] string UserName,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset CreatedAt);
