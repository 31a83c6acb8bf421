using BackCare.Data;
using BackCare.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

public sealed record ClinicChoice(Guid Id, string Name);

/// <summary>
/// The signed-in person's messages: one thread per clinic they are a patient of, each with how many of the clinic's
/// messages are new, and the other clinics they may write to (their contact form starts a thread).
/// </summary>
[Authorize]
public sealed class MessagesIndexModel(BackCareDbContext db, MessageThreads threads, TimeProvider clock) : PageModel
{
    /// <summary>Enough clinics for any one BackCare server; each is one line.</summary>
    public const int MaxClinics = 50;

    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];

    public IReadOnlyList<ClinicChoice> OtherClinics { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = AccountClaims.AccountIdOf(User)!.Value;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Threads = await threads.ThreadsAsync(me, cancellationToken);
        var mine = Threads.Select(t => t.ClinicId).ToList();
        OtherClinics = await db.Clinics.AsNoTracking()
            .Where(c => !mine.Contains(c.Id))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(MaxClinics)
            .Select(c => new ClinicChoice(c.Id, c.Name))
            .ToListAsync(cancellationToken);
    }
}
