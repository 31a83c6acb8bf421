using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Accounts;

/// <summary>One line of "who looked at my record".</summary>
public sealed record ActivityItem(DateTime At, string Who, string What, string From, string Action, string ResourceType, string? ResourceId);

public sealed record ActivityPage(IReadOnlyList<ActivityItem> Items, int Page, int PageSize, bool HasMore);

/// <summary>
/// The names of clinics, for "clinician Dr Lee at Northside Spine". The clinics feature registers its own;
/// until then a clinician is shown as working at "their clinic".
/// </summary>
public interface IClinicDirectory
{
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> clinicIds, CancellationToken cancellationToken);
}

internal sealed class NoClinicNames : IClinicDirectory
{
    public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> clinicIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(new Dictionary<Guid, string>());
}

/// <summary>A person's audit trail put in their words: who (you, a named clinician at their clinic, an administrator, or someone), what, when and from where.</summary>
public sealed class AccountActivity(AuditLog audit, BackCareDbContext db, IClinicDirectory clinics)
{
    public const int PageSize = 25;

    public async Task<ActivityPage> PageAsync(Guid subjectId, int page, CancellationToken cancellationToken = default)
    {
        page = Math.Clamp(page, 1, 100_000);
        var events = await audit.ForSubject(subjectId).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        var hasMore = events.Count > PageSize;
        if (hasMore)
        {
            events.RemoveAt(events.Count - 1);
        }

        var actorIds = events.Select(e => e.ActorId).OfType<Guid>().Where(id => id != subjectId).Distinct().ToList();
        var actors = await db.Accounts.AsNoTracking()
            .Where(a => actorIds.Contains(a.Id))
            .Select(a => new Actor(a.Id, a.DisplayName, a.Role, a.ClinicId))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var clinicIds = actors.Values.Select(a => a.ClinicId).OfType<Guid>().Distinct().ToList();
        var clinicNames = clinicIds.Count == 0 ? new Dictionary<Guid, string>() : await clinics.NamesAsync(clinicIds, cancellationToken);

        var text = AccountText.English;
        var items = events.Select(e => new ActivityItem(
            e.AtUtc,
            Who(e.ActorId, subjectId, actors, clinicNames, text),
            text.ActivityWhat(e.Action.ToString(), e.ResourceType, e.ResourceId is not null),
            string.IsNullOrEmpty(e.RemoteAddress) ? text.ActivityFromUnknown : e.RemoteAddress,
            e.Action.ToString(),
            e.ResourceType,
            e.ResourceId)).ToList();
        return new ActivityPage(items, page, PageSize, hasMore);
    }

    private static string Who(
        Guid? actorId, Guid subjectId, Dictionary<Guid, Actor> actors, IReadOnlyDictionary<Guid, string> clinicNames, AccountText text)
    {
        if (actorId == subjectId)
        {
            return text.ActivityYou;
        }

        if (actorId is not { } id || !actors.TryGetValue(id, out var actor))
        {
            return text.ActivitySomeone;
        }

        return actor.Role switch
        {
            AccountRole.Clinician => text.ActivityClinician(
                actor.DisplayName, actor.ClinicId is { } clinic && clinicNames.TryGetValue(clinic, out var name) ? name : null),
            AccountRole.Administrator => text.ActivityAdministrator,
            _ => text.ActivitySomeone,
        };
    }

    private sealed record Actor(Guid Id, string DisplayName, AccountRole Role, Guid? ClinicId);
}
