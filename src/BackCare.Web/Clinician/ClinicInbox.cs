using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

public enum InboxItemKind
{
    /// <summary>Sent with the clinic's contact form (<see cref="ContactRequest"/>); its id is the request's.</summary>
    ContactRequest,

    /// <summary>A patient's thread with the clinic; its id is the patient's.</summary>
    PatientMessages,
}

public enum InboxState
{
    Waiting,
    Answered,
    Handled,
}

/// <summary>A patient of the clinic as the inbox names them.</summary>
public sealed record InboxPatient(Guid Id, string Name);

/// <summary>
/// One line of the clinic's inbox: what it is, who sent it (and the patient it is tied to), when, whether it is still
/// waiting, and the words (the request, or the patient's latest message).
/// </summary>
public sealed record InboxItem(
    InboxItemKind Kind, Guid Id, string Who, InboxPatient? Patient, PatientLink? Link, DateTime AtUtc, InboxState State, string Body,
    int Unread, string? Email = null, string? Phone = null);

/// <summary>One page of the inbox, and whether an older page follows.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, bool HasNext);

/// <summary>
/// The clinic's one inbox: contact-form requests and patients' threads together, those waiting for an answer first,
/// newest first within each, fifty a page. A request is tied to a patient by hand, or else by its email (compared as
/// accounts compare emails) or the account it was sent from, and only ever to a current patient of the same clinic.
/// </summary>
public static class ClinicInbox
{
    public const int PageSize = 50;

    /// <summary>The deepest page shown: each page reads its items and all before it from both lists.</summary>
    public const int MaxPage = 100;

    /// <summary>
    /// The items of page <paramref name="number"/> (from 1): each list is read in the inbox's own order as far as that
    /// page and one more item, and the two merged, so that no item is skipped or shown twice between pages.
    /// </summary>
    public static async Task<InboxPage> PageAsync(BackCareDbContext db, Guid clinicId, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        number = Math.Clamp(number, 1, MaxPage);
        var reach = number * PageSize + 1;
        var requests = await db.ContactRequests.AsNoTracking()
            .Where(r => r.ClinicId == clinicId)
            .OrderBy(r => r.HandledUtc != null).ThenByDescending(r => r.CreatedUtc)
            .Take(reach)
            .ToListAsync(cancellationToken);
        var ties = await TiesAsync(db, clinicId, requests, cancellationToken);
        var items = requests.Select(r =>
        {
            var patient = ties.GetValueOrDefault(r.Id);
            return new InboxItem(
                InboxItemKind.ContactRequest, r.Id, r.Name, patient, patient is null ? null : r.PatientLink, r.CreatedUtc, StateOf(r), r.Body, 0,
                r.Email, r.Phone);
        }).ToList();

        var threads = await ThreadsOf(db, clinicId)
            .Where(t => t.LastFromPerson != null)
            .OrderBy(t => t.LastFromClinic != null && t.LastFromClinic >= t.LastFromPerson).ThenByDescending(t => t.LastFromPerson)
            .Take(reach)
            .Select(t => new
            {
                t.PatientId,
                t.Name,
                t.LastFromPerson,
                t.LastFromClinic,
                Body = db.Messages
                    .Where(m => m.ClinicId == clinicId && m.OwnerId == t.PatientId && !m.FromClinic)
                    .OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
                    .Select(m => m.Body).First(),
                Unread = db.Messages.Count(m => m.ClinicId == clinicId && m.OwnerId == t.PatientId && !m.FromClinic && m.ReadUtc == null),
            })
            .ToListAsync(cancellationToken);
        items.AddRange(threads.Select(t => new InboxItem(
            InboxItemKind.PatientMessages, t.PatientId, t.Name, new InboxPatient(t.PatientId, t.Name), null, t.LastFromPerson!.Value,
            t.LastFromClinic is { } answered && answered >= t.LastFromPerson ? InboxState.Answered : InboxState.Waiting, t.Body, t.Unread)));
        var page = items.OrderBy(i => i.State != InboxState.Waiting).ThenByDescending(i => i.AtUtc).ThenBy(i => i.Id)
            .Skip((number - 1) * PageSize).Take(PageSize + 1).ToList();
        return new InboxPage([.. page.Take(PageSize)], page.Count > PageSize && number < MaxPage);
    }

    /// <summary>How many requests and threads wait for an answer: the count beside the inbox's link.</summary>
    public static async Task<int> WaitingCountAsync(BackCareDbContext db, Guid clinicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requests = await db.ContactRequests.CountAsync(r => r.ClinicId == clinicId && r.HandledUtc == null, cancellationToken);
        var threads = await ThreadsOf(db, clinicId)
            .CountAsync(t => t.LastFromPerson != null && (t.LastFromClinic == null || t.LastFromClinic < t.LastFromPerson), cancellationToken);
        return requests + threads;
    }

    /// <summary>The patient the request is tied to; null when it is tied to nobody of this clinic.</summary>
    public static async Task<InboxPatient?> PatientOfAsync(BackCareDbContext db, ContactRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ties = await TiesAsync(db, request.ClinicId, [request], cancellationToken);
        return ties.GetValueOrDefault(request.Id);
    }

    /// <summary>Who a request's audit events are about: the patient it is tied to, or, for someone with no account here, the request itself.</summary>
    public static Guid SubjectOf(ContactRequest request, InboxPatient? patient)
    {
        ArgumentNullException.ThrowIfNull(request);
        return patient?.Id ?? request.Id;
    }

    public static InboxState StateOf(ContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.AnsweredUtc is not null ? InboxState.Answered
            : request.HandledUtc is not null ? InboxState.Handled
            : InboxState.Waiting;
    }

    /// <summary>The clinic's patients with when they last wrote and when the clinic last wrote to them.</summary>
    private static IQueryable<ThreadTimes> ThreadsOf(BackCareDbContext db, Guid clinicId) =>
        from p in db.ClinicPatients.AsNoTracking()
        join a in db.Accounts.AsNoTracking() on p.PatientId equals a.Id
        where p.ClinicId == clinicId
        select new ThreadTimes
        {
            PatientId = p.PatientId,
            Name = a.DisplayName,
            LastFromPerson = db.Messages.Where(m => m.ClinicId == clinicId && m.OwnerId == p.PatientId && !m.FromClinic).Max(m => (DateTime?)m.CreatedUtc),
            LastFromClinic = db.Messages.Where(m => m.ClinicId == clinicId && m.OwnerId == p.PatientId && m.FromClinic).Max(m => (DateTime?)m.CreatedUtc),
        };

    /// <summary>A member-initialised class, not a record, so EF can filter and sort on its members after the projection.</summary>
    private sealed class ThreadTimes
    {
        public Guid PatientId { get; init; }

        public string Name { get; init; } = "";

        public DateTime? LastFromPerson { get; init; }

        public DateTime? LastFromClinic { get; init; }
    }

    /// <summary>
    /// The patient each request is tied to, among the clinic's current patients: the one chosen by hand, or else the one
    /// whose account sent it or has its email. Emails are compared in their normalised form, made here (SQL cannot).
    /// </summary>
    private static async Task<Dictionary<Guid, InboxPatient>> TiesAsync(
        BackCareDbContext db, Guid clinicId, IReadOnlyList<ContactRequest> requests, CancellationToken cancellationToken)
    {
        var byHand = requests.Where(r => r.PatientLink == PatientLink.ByHand && r.PatientId is not null).Select(r => r.PatientId!.Value);
        var byEmail = requests.Where(r => r.PatientLink == PatientLink.ByEmail).ToList();
        var accounts = byEmail.Where(r => r.AccountId is not null).Select(r => r.AccountId!.Value).Concat(byHand).Distinct().ToList();
        var emails = byEmail.Where(r => r.Email is not null).Select(r => Account.NormalizeEmail(r.Email!)).Distinct().ToList();
        if (accounts.Count == 0 && emails.Count == 0)
        {
            return [];
        }

        var patients = await (from p in db.ClinicPatients.AsNoTracking()
                              join a in db.Accounts.AsNoTracking() on p.PatientId equals a.Id
                              where p.ClinicId == clinicId && (accounts.Contains(a.Id) || emails.Contains(a.NormalizedEmail))
                              select new { a.Id, a.DisplayName, a.NormalizedEmail })
            .ToListAsync(cancellationToken);
        var ties = new Dictionary<Guid, InboxPatient>();
        foreach (var request in requests)
        {
            var patient = request.PatientLink switch
            {
                PatientLink.ByHand => patients.FirstOrDefault(p => p.Id == request.PatientId),
                PatientLink.ByEmail => patients.FirstOrDefault(p => p.Id == request.AccountId)
                    ?? (request.Email is { } email ? patients.FirstOrDefault(p => p.NormalizedEmail == Account.NormalizeEmail(email)) : null),
                _ => null,
            };
            if (patient is not null)
            {
                ties[request.Id] = new InboxPatient(patient.Id, patient.DisplayName);
            }
        }

        return ties;
    }
}
