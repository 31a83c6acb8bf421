using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Clinics;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>
/// The clinic's one inbox: what people sent with the contact form and what patients wrote in their threads, those
/// waiting first. A request opens on its own page (tie it to a patient, answer it); a thread is answered here, as on
/// the patient's page; a request can be marked as handled (answered by phone, say). Every line shown is audited.
/// </summary>
public sealed class InboxModel(BackCareDbContext db, AuditLog audit, MessageThreads threads, FormValidation validation, TimeProvider clock)
    : ClinicianPage(db)
{
    /// <summary>The reply field's prefix; each thread's reply box is this and the patient's id.</summary>
    public const string ReplyField = "reply";

    [BindProperty]
    public Guid Patient { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The page asked for, from 1; anything below shows the first.</summary>
    [BindProperty(Name = "number", SupportsGet = true)]
    public int Number { get; set; } = 1;

    public bool HasNext { get; private set; }

    /// <summary>The inbox's address at a page, the first without a number.</summary>
    public static string PageHref(int number) =>
        number <= 1 ? "/clinic/inbox" : $"/clinic/inbox?number={number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    /// <summary>The thread whose reply had a problem: its reply box is open and keeps its text.</summary>
    public Guid? ErrorThread { get; private set; }

    public static string ReplyFieldOf(Guid patientId) => $"{ReplyField}-{patientId:N}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>One update that is also the check: a request of another clinic is not found.</summary>
    public async Task<IActionResult> OnPostHandledAsync(Guid request, CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken))
        {
            return NotFound();
        }

        var found = await Db.ContactRequests.SingleOrDefaultAsync(r => r.Id == request && r.ClinicId == ClinicId, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        await InboxRequestModel.MarkHandledAsync(Db, audit, found, clock.GetUtcNow().UtcDateTime, cancellationToken);
        Notice = PageText.English["inbox_handled_done"];
        return Redirect(PageHref(Number));
    }

    /// <summary>Answers a patient's thread from the inbox, as the patient's page does; a patient of another clinic is not found.</summary>
    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken) || !await threads.IsPatientAsync(ClinicId, Patient, cancellationToken))
        {
            return NotFound();
        }

        var problems = await validation.ProblemsAsync(new ReplyForm { Reply = Body }, PageText.English, cancellationToken);
        if (problems.Count > 0)
        {
            ErrorThread = Patient;
            Errors.Add(ReplyFieldOf(Patient), problems.Values.First()[0]);
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        await threads.AnswerFromClinicAsync(ClinicId, Patient, ClinicianAccountId, Body!, cancellationToken);
        Notice = PageText.English["inbox_reply_sent"];
        return Redirect(PageHref(Number));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken))
        {
            return false;
        }

        Number = Math.Clamp(Number, 1, ClinicInbox.MaxPage);
        var page = await ClinicInbox.PageAsync(Db, ClinicId, Number, cancellationToken);
        Items = page.Items;
        HasNext = page.HasNext;
        await audit.RecordReadsAsync(
            Items.Select(i => i.Kind == InboxItemKind.PatientMessages
                ? (i.Id, nameof(Message), (string?)null)
                : (i.Patient?.Id ?? i.Id, nameof(ContactRequest), i.Id.ToString())),
            cancellationToken);
        return true;
    }
}
