using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using BackCare.Web.Accounts;
using BackCare.Web.Clinics;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>One answer to a contact request, as the request's page lists it.</summary>
public sealed record InboxReply(DateTime SentUtc, string Author, ContactReplyRoute Route, string Body);

/// <summary>
/// One contact request of the clinic: who wrote, what, and the patient it is tied to (by email, or by hand: find one
/// of the clinic's patients and link, or unlink). An answer to a request tied to a patient goes into their thread, after
/// the request itself; to anyone else it goes by email from the outbox. A request of another clinic is not found.
/// Every read and change is audited, about the tied patient or, for someone with no account here, the request.
/// </summary>
public sealed class InboxRequestModel(
    BackCareDbContext db, AuditLog audit, MessageThreads threads, NotificationOutbox notifications, FormValidation validation, TimeProvider clock)
    : ClinicianPage(db)
{
    public const int MaxFound = 10;

    /// <summary>The id of the answer's text box, which the error summary links to.</summary>
    public const string ReplyField = "reply";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>A search of the clinic's patients to link the request to: a name, an email, a phone or a date of birth.</summary>
    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Query { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public FormErrors Errors { get; } = new();

    public ContactRequest Contact { get; private set; } = null!;

    public InboxPatient? Patient { get; private set; }

    public InboxState State => ClinicInbox.StateOf(Contact);

    public IReadOnlyList<InboxReply> Replies { get; private set; } = [];

    /// <summary>The clinic's patients the search found; null when there was no search.</summary>
    public IReadOnlyList<WorklistRow>? Found { get; private set; }

    /// <summary>Where an answer goes: the patient's thread, an email, or nowhere (only a phone number to call).</summary>
    public ContactReplyRoute? Route => Patient is not null ? ContactReplyRoute.Thread : Contact.Email is not null ? ContactReplyRoute.Email : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Ties the request to one of the clinic's patients; anyone else (another clinic's patient, a stranger's id) is not found.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid patient, CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } request || await PatientRowAsync(patient, cancellationToken) is null)
        {
            return NotFound();
        }

        request.LinkTo(patient);
        audit.Stage(AuditAction.Update, patient, nameof(ContactRequest), request.Id.ToString());
        await Db.SaveChangesAsync(cancellationToken);
        Notice = PageText.English["inbox_linked"];
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostUnlinkAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } request)
        {
            return NotFound();
        }

        var was = await ClinicInbox.PatientOfAsync(Db, request, cancellationToken);
        request.Unlink();
        audit.Stage(AuditAction.Update, ClinicInbox.SubjectOf(request, was), nameof(ContactRequest), request.Id.ToString());
        await Db.SaveChangesAsync(cancellationToken);
        Notice = PageText.English["inbox_unlinked"];
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostHandledAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } request)
        {
            return NotFound();
        }

        await MarkHandledAsync(Db, audit, request, clock.GetUtcNow().UtcDateTime, cancellationToken);
        Notice = PageText.English["inbox_handled_done"];
        return RedirectToPage(new { Id });
    }

    /// <summary>
    /// Answers the request: into the tied patient's thread (the request first, the first time, so the thread reads in
    /// order), or by email to the address it gave. A request with neither has no answer here: the clinic phones.
    /// </summary>
    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } request)
        {
            return NotFound();
        }

        var patient = await ClinicInbox.PatientOfAsync(Db, request, cancellationToken);
        await validation.CheckAsync(new ReplyForm { Reply = Body }, PageText.English, Errors, cancellationToken);
        if (patient is null && request.Email is null)
        {
            Errors.Add(ReplyField, PageText.English["inbox_reply_nowhere"]);
        }

        if (Errors.Any)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var route = patient is null ? ContactReplyRoute.Email : ContactReplyRoute.Thread;
        var reply = new ContactReply(ClinicId, request.Id, ClinicianAccountId, route, Body!);
        Db.ContactReplies.Add(reply);
        request.MarkAnswered(now);
        audit.Stage(AuditAction.Create, ClinicInbox.SubjectOf(request, patient), nameof(ContactReply), reply.Id.ToString());
        if (patient is not null)
        {
            if (!await Db.ContactReplies.AnyAsync(r => r.RequestId == request.Id && r.Route == ContactReplyRoute.Thread, cancellationToken))
            {
                Db.Messages.Add(Message.FromContactRequest(request, patient.Id, now));
            }

            await threads.SendFromClinicAsync(ClinicId, patient.Id, ClinicianAccountId, Body!, cancellationToken);
            Notice = PageText.Format("inbox_reply_in_thread", patient.Name);
            return RedirectToPage("Inbox");
        }

        notifications.ContactReplied(reply);
        await Db.SaveChangesAsync(cancellationToken);
        notifications.Ring();
        Notice = PageText.Format("inbox_reply_emailed", request.Email!);
        return RedirectToPage("Inbox");
    }

    /// <summary>Marks a request handled, audited about whom it concerns; already handled, nothing changes.</summary>
    internal static async Task MarkHandledAsync(BackCareDbContext db, AuditLog audit, ContactRequest request, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (request.HandledUtc is not null)
        {
            return;
        }

        request.MarkHandled(nowUtc);
        var patient = await ClinicInbox.PatientOfAsync(db, request, cancellationToken);
        audit.Stage(AuditAction.Update, ClinicInbox.SubjectOf(request, patient), nameof(ContactRequest), request.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }

    private static PageText PageText => PageText.English;

    private async Task<ContactRequest?> FindAsync(CancellationToken cancellationToken) =>
        await LoadClinicAsync(cancellationToken)
            ? await Db.ContactRequests.SingleOrDefaultAsync(r => r.Id == Id && r.ClinicId == ClinicId, cancellationToken)
            : null;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken))
        {
            return false;
        }

        var request = await Db.ContactRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id && r.ClinicId == ClinicId, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Contact = request;
        Patient = await ClinicInbox.PatientOfAsync(Db, request, cancellationToken);
        Replies = await Db.ContactReplies.AsNoTracking()
            .Where(r => r.RequestId == Id && r.ClinicId == ClinicId)
            .OrderBy(r => r.CreatedUtc)
            .Select(r => new InboxReply(
                r.CreatedUtc, Db.Accounts.Where(a => a.Id == r.AuthorId).Select(a => a.DisplayName).FirstOrDefault() ?? "", r.Route, r.Body))
            .ToListAsync(cancellationToken);
        var reads = new List<(Guid, string, string?)> { (ClinicInbox.SubjectOf(request, Patient), nameof(ContactRequest), request.Id.ToString()) };
        if (Patient is null && new WorklistFilter(Search: Query).SearchText is not null)
        {
            var page = await Worklist.AllPatientsAsync(
                Db, ClinicId, place: null, clock.GetUtcNow().UtcDateTime, new WorklistFilter(Search: Query), MaxFound, cancellationToken);
            Found = page.Rows;
            reads.AddRange(Found.Select(p => (p.PatientId, nameof(Worklist), (string?)null)));
        }

        await audit.RecordReadsAsync(reads, cancellationToken);
        return true;
    }
}
