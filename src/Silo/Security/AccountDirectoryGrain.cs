namespace DanVanKheo.Silo.Security;

public sealed class AccountDirectoryGrain(
    [PersistentState("accounts", StorageNames.Store)] IPersistentState<AccountDirectoryState> store) : Grain, IAccountDirectoryGrain
{
    public async Task Add(string userName)
    {
        if (store.State.UserNames.Add(userName))
        {
            await store.WriteStateAsync();
        }
    }

    public Task<string[]> List() => Task.FromResult(store.State.UserNames.Order(StringComparer.Ordinal).ToArray());

    public async Task AddToken(string tokenHash, TokenInfo info)
    {
        store.State.Tokens[tokenHash] = info;
        await store.WriteStateAsync();
    }

    public Task<TokenInfo?> FindToken(string tokenHash) =>
        Task.FromResult(store.State.Tokens.TryGetValue(tokenHash, out var info) ? info : null);

    public async Task<int> RevokeTokens(string userName)
    {
        var revoked = store.State.Tokens.Where(t => t.Value.UserName == userName).Select(t => t.Key).ToList();
        foreach (var hash in revoked)
        {
            store.State.Tokens.Remove(hash);
        }

        if (revoked.Count > 0)
        {
            await store.WriteStateAsync();
        }

        return revoked.Count;
    }
}

[GenerateSerializer, Alias("dvk.AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)] public HashSet<string> UserNames { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, TokenInfo> Tokens { get; set; } = new(StringComparer.Ordinal);
}
