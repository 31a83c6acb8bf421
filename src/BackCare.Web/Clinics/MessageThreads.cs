using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

/// <summary>One message as either side of a thread sees it.</summary>
public sealed record ThreadMessage(Guid Id, DateTime SentUtc, bool FromClinic, string Body, bool Unread);

/// <summary>One of a person's threads as their list of messages shows it.</summary>
public sealed record ThreadSummary(Guid ClinicId, string ClinicName, TimeZoneInfo Zone, int Unread, DateTime? LastUtc);

/// <summary>
/// The secure thread between a person and a clinic they are a patient of. There is one thread per pair; a person who
/// is not a patient of the clinic has no thread with it (the pages and the API answer 404). Reading a thread marks the
/// other side's messages as read, and is audited. A clinic's message puts a notice in the outbox in the same save: the
/// person is emailed that the clinic wrote, never what.
/// </summary>
public sealed class MessageThreads(BackCareDbContext db, AuditLog audit, TimeProvider clock, NotificationOutbox notifications)
{
    public const int MaxShown = 200;

    public Task<bool> IsPatientAsync(Guid clinicId, Guid personId, CancellationToken cancellationToken) =>
        db.ClinicPatients.AnyAsync(p => p.ClinicId == clinicId && p.PatientId == personId, cancellationToken);

    /// <summary>The thread, oldest first, as <paramref name="readerIsClinic"/>'s side reads it; their unread messages become read.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> ReadAsync(Guid clinicId, Guid personId, bool readerIsClinic, CancellationToken cancellationToken)
    {
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ClinicId == clinicId && m.OwnerId == personId)
            .OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
            .Take(MaxShown)
            .Select(m => new ThreadMessage(m.Id, m.CreatedUtc, m.FromClinic, m.Body, m.ReadUtc == null && m.FromClinic != readerIsClinic))
            .ToListAsync(cancellationToken);
        messages.Reverse();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Messages
            .Where(m => m.ClinicId == clinicId && m.OwnerId == personId && m.FromClinic != readerIsClinic && m.ReadUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadUtc, now), cancellationToken);
        audit.Stage(AuditAction.Read, personId, nameof(Message));
        await db.SaveChangesAsync(cancellationToken);
        return messages;
    }

    /// <summary>How many of the clinics' messages to the person they have not read yet, over all their threads.</summary>
    public Task<int> UnreadCountAsync(Guid personId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().CountAsync(m => m.OwnerId == personId && m.FromClinic && m.ReadUtc == null, cancellationToken);

    /// <summary>The person's threads: one per clinic they are a patient of, with its unread count, newest first.</summary>
    public async Task<IReadOnlyList<ThreadSummary>> ThreadsAsync(Guid personId, CancellationToken cancellationToken)
    {
        var clinics = await (from p in db.ClinicPatients.AsNoTracking()
                             join c in db.Clinics.AsNoTracking() on p.ClinicId equals c.Id
                             where p.PatientId == personId
                             select new { c.Id, c.Name, c.TimeZoneId }).ToListAsync(cancellationToken);
        var activity = await db.Messages.AsNoTracking()
            .Where(m => m.OwnerId == personId)
            .GroupBy(m => m.ClinicId)
            .Select(g => new { ClinicId = g.Key, Unread = g.Count(m => m.FromClinic && m.ReadUtc == null), Last = g.Max(m => m.CreatedUtc) })
            .ToListAsync(cancellationToken);
        return [.. clinics
            .Select(c =>
            {
                var seen = activity.FirstOrDefault(a => a.ClinicId == c.Id);
                return new ThreadSummary(c.Id, c.Name, TimeZoneInfo.FindSystemTimeZoneById(c.TimeZoneId), seen?.Unread ?? 0, seen?.Last);
            })
            .OrderByDescending(t => t.LastUtc ?? DateTime.MinValue).ThenBy(t => t.ClinicName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A signed-in person writes with a clinic's contact form: the message goes into their thread, and a person who is
    /// not yet the clinic's patient becomes one (with their latest check's urgency, or last on the worklist without a
    /// check), so the clinic can answer there.
    /// </summary>
    public async Task<Message> SendFromContactFormAsync(Guid clinicId, Guid personId, string body, CancellationToken cancellationToken)
    {
        if (!await IsPatientAsync(clinicId, personId, cancellationToken))
        {
            var latest = await db.SavedAssessments.AsNoTracking().Where(a => a.OwnerId == personId)
                .OrderByDescending(a => a.CreatedUtc).Select(a => a.Disposition).FirstOrDefaultAsync(cancellationToken);
            await WorklistUpdater.RaiseAsync(db, WorklistNews.WroteFirst(clinicId, personId, latest), clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return await SendFromPersonAsync(clinicId, personId, body, cancellationToken);
    }

    /// <summary>
    /// The person writes to the clinic: it raises nothing clinically, but their worklist row shows the activity (and
    /// comes back to the worklist if it was acknowledged).
    /// </summary>
    public async Task<Message> SendFromPersonAsync(Guid clinicId, Guid personId, string body, CancellationToken cancellationToken)
    {
        var message = new Message(clinicId, personId, personId, fromClinic: false, body);
        db.Messages.Add(message);
        await WorklistUpdater.RaiseAsync(db, WorklistNews.Wrote(clinicId, personId), clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>
    /// The clinic answers from its inbox, which showed the person's latest message: what they wrote counts as read, and
    /// the thread stops waiting.
    /// </summary>
    public async Task<Message> AnswerFromClinicAsync(Guid clinicId, Guid personId, Guid clinicianAccountId, string body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Messages
            .Where(m => m.ClinicId == clinicId && m.OwnerId == personId && !m.FromClinic && m.ReadUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadUtc, now), cancellationToken);
        return await SendFromClinicAsync(clinicId, personId, clinicianAccountId, body, cancellationToken);
    }

    public async Task<Message> SendFromClinicAsync(Guid clinicId, Guid personId, Guid clinicianAccountId, string body, CancellationToken cancellationToken)
    {
        var message = new Message(clinicId, personId, clinicianAccountId, fromClinic: true, body);
        db.Messages.Add(message);
        notifications.ClinicReplied(message);
        await db.SaveChangesAsync(cancellationToken);
        notifications.Ring();
        return message;
    }
}
