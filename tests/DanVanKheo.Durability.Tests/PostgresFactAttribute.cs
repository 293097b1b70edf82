namespace DanVanKheo.Durability.Tests;

/// <summary>
/// A test that needs PostgreSQL (connection string in <see cref="TestDatabase.Variable"/>). Without it the test is
/// skipped locally, but under CI (<c>CI=true</c>) it runs and fails, so a missing database is never silently green.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.AdminConnectionString is null && !TestDatabase.InCi)
        {
            Skip = $"{TestDatabase.Variable} is not set (scripts/test.sh sets it when it can start PostgreSQL)";
        }
    }
}
