namespace DanVanKheo.Silo.Security;

/// <summary>Stored in storage <c>dvk</c>, so accounts are as durable as the models.</summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Store)] IPersistentState<AccountState> store) : Grain, IAccountGrain
{
    public async Task<Account> Save(Account account, bool replace)
    {
        if (store.State.Account is not null && !replace)
        {
            throw new DvkException("duplicate-account", $"account '{account.UserName}' already exists / tài khoản đã tồn tại");
        }

        store.State.Account = account;
        await store.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).Add(account.UserName);
        return account;
    }

    public Task<Account?> Get() => Task.FromResult(store.State.Account);
}

[GenerateSerializer, Alias("dvk.AccountState")]
public sealed class AccountState
{
    [Id(0)] public Account? Account { get; set; }
}
