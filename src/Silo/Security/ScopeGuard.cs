using System.Security.Claims;
using DanVanKheo.Silo.Api;

namespace DanVanKheo.Silo.Security;

/// <summary>
/// Writes need role editor or admin and a unit inside the account's scope subtree; ancestry is read from
/// the unit grains at the time of the write, so a unit moved out of a scope leaves it at once.
/// </summary>
public sealed class ScopeGuard(UnitReader units)
{
    public async Task EnsureCanWriteAsync(ClaimsPrincipal user, string unitCode)
    {
        var scope = RequireEditor(user);
        if (!await units.IsWithinAsync(Rules.NormalizeUnitCode(unitCode), scope))
        {
            throw new ForbiddenException(
                "outside-scope",
                $"unit '{unitCode}' is outside your scope '{scope}' / đơn vị nằm ngoài phạm vi của bạn");
        }
    }

    /// <summary>The caller's scope, after checking it may write at all.</summary>
    public static string RequireEditor(ClaimsPrincipal user)
    {
        if (!user.IsInRole(Roles.Editor) && !user.IsInRole(Roles.Admin))
        {
            throw new ForbiddenException("read-only", "viewers may only read / tài khoản chỉ được xem");
        }

        return user.FindFirstValue(DvkClaims.Scope) ?? throw new ForbiddenException("no-scope", "the account has no scope unit");
    }

    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
