using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace BackCare.Web.Clinician;

/// <summary>One of the filters of a patient list, as its link names it (<c>?show=urgent</c>) and as pages.json words it.</summary>
public sealed record PatientListFilter(string Show, string TextKey);

/// <summary>
/// What the worklist and the list of all patients share: a filter and a search given in the address (plain links and a
/// GET form, no script), matched by the database within the clinician's own clinic, the audit of every line shown, and
/// each row's form that assigns the patient to a clinician of the clinic (or to nobody) with a hand-over note.
/// </summary>
public abstract class PatientListModel(BackCareDbContext db, AuditLog audit, TimeProvider clock) : ClinicianPage(db)
{
    public static IReadOnlyList<PatientListFilter> Filters { get; } =
    [
        new("urgent", "filter_urgent"),
        new("today", "filter_today"),
        new("unread", "filter_unread"),
        new("mine", "filter_mine"),
        new("unassigned", "filter_unassigned"),
    ];

    /// <summary>The filter's <see cref="PatientListFilter.Show"/>; anything else shows everyone.</summary>
    [BindProperty(Name = "show", SupportsGet = true)]
    public string? Show { get; set; }

    /// <summary>Part of a name, an email or a phone number, or a date of birth.</summary>
    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Query { get; set; }

    /// <summary>The patient a row's assign form names.</summary>
    [BindProperty(Name = "patient")]
    public Guid AssignPatient { get; set; }

    /// <summary>The clinician chosen in a row's assign form: an id, or empty for nobody.</summary>
    [BindProperty(Name = PatientAssignment.ClinicianField)]
    public string? AssignTo { get; set; }

    [BindProperty(Name = PatientAssignment.NoteField)]
    public string? Note { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>A problem with a row's assign form; <see cref="ProblemPatient"/> is that row's patient.</summary>
    public FormErrors Errors { get; } = new();

    public Guid? ProblemPatient { get; private set; }

    /// <summary>The clinic's clinicians, whom a row's form can assign its patient to.</summary>
    public IReadOnlyList<Assignee> Assignees { get; private set; } = [];

    public IReadOnlyList<WorklistRow> Rows { get; protected set; } = [];

    public DateTime NowUtc { get; private set; }

    /// <summary>The filter in force; null for everyone.</summary>
    public PatientListFilter? Filter => Filters.FirstOrDefault(f => f.Show == Show);

    /// <summary>The search in force, as it is matched; null for none.</summary>
    public string? Search => new WorklistFilter(Search: Query).SearchText;

    public bool IsFiltered => Filter is not null || Search is not null;

    /// <summary>The page's own address.</summary>
    public abstract string Path { get; }

    /// <summary>What the table shows, in words: its order, then the filter and the search in force.</summary>
    public string Caption
    {
        get
        {
            var text = PageText.English;
            var caption = text[CaptionKey];
            if (Filter is { } filter)
            {
                caption = text.Format("patients_caption_filtered", caption, text[filter.TextKey]);
            }

            return Search is { } search ? text.Format("patients_caption_search", caption, search) : caption;
        }
    }

    /// <summary>The pages.json key of the table's caption (its order).</summary>
    protected abstract string CaptionKey { get; }

    /// <summary>The address of this list with another filter (null for everyone), keeping the search.</summary>
    public string FilterHref(PatientListFilter? filter) => Href(filter, Search);

    /// <summary>The address of this list with the filter in force and no search.</summary>
    public string ClearSearchHref => Href(Filter, null);

    /// <summary>The address of this list with the filter and search in force, and more of the query (a page, a cursor).</summary>
    public string Href(params (string Name, string Value)[] more) => Href(Filter, Search, more);

    /// <summary>Where a row's assign form posts: this page as it is, so the clinician comes back to it.</summary>
    public string AssignAction => Href([.. PageState, ("handler", "Assign")]);

    /// <summary>The id of a row's note input (what the error summary links to).</summary>
    public static string NoteId(Guid patientId) => "note-" + patientId.ToString("N");

    /// <summary>The query that shows this page of the list again (its page number or cursor), beside the filter and search.</summary>
    protected virtual (string Name, string Value)[] PageState => [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await StartAsync(cancellationToken) ? await ShowAsync(cancellationToken) : NotFound();

    /// <summary>
    /// Assigns a row's patient to a clinician of the clinic, or to nobody, then shows the same page again. A patient or a
    /// clinician of another clinic is not found, and nothing is stored; a note too long is said at the top and beside the
    /// row's note, which keeps what was typed.
    /// </summary>
    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        if (!await StartAsync(cancellationToken) || !PatientAssignment.TryRead(AssignTo, out var clinicianId))
        {
            return NotFound();
        }

        if (PatientAssignment.NoteProblem(Note) is { } problem)
        {
            ProblemPatient = AssignPatient;
            Errors.Add(NoteId(AssignPatient), problem);
            return await ShowAsync(cancellationToken);
        }

        var outcome = await WorklistUpdater.AssignAsync(Db, ClinicId, AssignPatient, clinicianId, ClinicianAccountId, Note, NowUtc, cancellationToken);
        if (outcome is AssignOutcome.NotFound or AssignOutcome.NoSuchClinician)
        {
            return NotFound();
        }

        Notice = PatientAssignment.Done(outcome, clinicianId, Assignees);
        return LocalRedirect(Href(PageState));
    }

    /// <summary>Reads this list's page of rows into <see cref="Rows"/>.</summary>
    protected abstract Task ReadRowsAsync(CancellationToken cancellationToken);

    /// <summary>Loads the clinic, its clinicians and the time; false when the clinic no longer exists.</summary>
    protected async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        if (!await LoadClinicAsync(cancellationToken))
        {
            return false;
        }

        Assignees = await PatientAssignment.AssigneesAsync(Db, ClinicId, cancellationToken);
        return true;
    }

    /// <summary>The filter and search as the database matches them, "today" being the clinic's day.</summary>
    protected WorklistFilter DatabaseFilter() => new(
        UrgentOrAbove: Filter?.Show == "urgent",
        UnreadMessages: Filter?.Show == "unread",
        VisitBetween: Filter?.Show == "today" ? ClinicToday() : null,
        Search: Search,
        AssignedToAccount: Filter?.Show == "mine" ? ClinicianAccountId : null,
        Unassigned: Filter?.Show == "unassigned");

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await ReadRowsAsync(cancellationToken);
        await AuditRowsAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Each line names a person and why they need the clinic: a read of their record, recorded as such, all of the
    /// page's in one write.
    /// </summary>
    protected Task AuditRowsAsync(CancellationToken cancellationToken) =>
        audit.RecordReadsAsync(Rows.Select(row => (row.PatientId, nameof(Worklist), (string?)null)), cancellationToken);

    private (DateTime FromUtc, DateTime ToUtc) ClinicToday()
    {
        var zone = Clinic.TimeZone;
        var today = SlotPlanner.LocalDate(zone, NowUtc);
        return (StartUtc(zone, today), StartUtc(zone, today.AddDays(1)));
    }

    /// <summary>When the clinic's day begins; where a clock change skips midnight, the first hour that exists.</summary>
    private static DateTime StartUtc(TimeZoneInfo zone, DateOnly day) =>
        Enumerable.Range(0, 24).Select(hour => SlotPlanner.ToUtc(zone, day.ToDateTime(new TimeOnly(hour, 0)))).First(start => start is not null)!.Value;

    private string Href(PatientListFilter? filter, string? search, params (string Name, string Value)[] more)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (filter is not null)
        {
            query.Add(new("show", filter.Show));
        }

        if (search is not null)
        {
            query.Add(new("q", search));
        }

        query.AddRange(more.Select(m => new KeyValuePair<string, string?>(m.Name, m.Value)));
        return QueryHelpers.AddQueryString(Path, query);
    }
}
