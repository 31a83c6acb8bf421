using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Data.Risk;
using BackCare.Web.Accounts;
using BackCare.Web.Clinics;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using BackCare.Web.Today;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>
/// One saved check on the chart: its disposition, the findings it was given in clinical words ("Fever or chills",
/// "Worst pain in the last day (0 to 10): 7"), the ids of the triage rules that fired, and the sentences the person
/// was shown.
/// </summary>
public sealed record TimelineAssessment(
    DateTime CreatedUtc, string Disposition, IReadOnlyList<string> Reasons, IReadOnlyList<string> Findings, IReadOnlyList<string> Rules);

public sealed record TimelineAppointment(DateTime StartUtc, SlotKind Kind, AppointmentStatus Status, string Reason);

public sealed record TimelineNote(DateTime CreatedUtc, string Author, string Body);

/// <summary>
/// One diary entry on the chart, as the person wrote it: when, pain (0 to 10), spasms, how well they could walk, sit,
/// sleep and work (null where they did not say), the warning signs they ticked by their finding labels, and their note.
/// </summary>
public sealed record ChartDiaryEntry(
    DateTime CreatedUtc, int Pain, int Spasms, IReadOnlyList<(string Ability, AbilityLevel? Level)> Abilities, IReadOnlyList<string> WarningSigns, string? Note);

/// <summary>One STarT Back screen on the chart: when, its two scores and the risk group they gave.</summary>
public sealed record TimelineScreen(DateTime CreatedUtc, int TotalScore, int PsychosocialScore, RiskGroup Group);

/// <summary>The latest assignment of the patient at this clinic: to whom (null: nobody), by whom, when, and its note.</summary>
public sealed record LatestAssignment(string? To, string By, DateTime AtUtc, string? Note);

/// <summary>
/// One patient of the clinic: their assessments, diary chart, visits, messages and the clinic's notes, with a reply,
/// a new note, "acknowledge" (off the worklist until something new comes in) and "assign" (to a clinician of the clinic,
/// with a hand-over note). Every read is audited with the clinician as actor and the patient as subject.
/// </summary>
public sealed class PatientModel(
    BackCareDbContext db, AuditLog audit, MessageThreads threads, FormValidation validation, TimeProvider clock) : ClinicianPage(db)
{
    public const int MaxShown = 100;

    /// <summary>How many diary entries the chart lists at a time, newest first; older ones are a link away.</summary>
    public const int DiaryPageSize = 20;

    /// <summary>The id of the hand-over note's input, which the error summary links to.</summary>
    public const string HandOverField = "handover";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>The page of the diary's entries asked for, from 1 (the newest); one past the last shows the last.</summary>
    [BindProperty(Name = "diary", SupportsGet = true)]
    public int DiaryPage { get; set; } = 1;

    [BindProperty]
    public long Activity { get; set; }

    /// <summary>The clinician chosen to assign the patient to: an id, or empty for nobody.</summary>
    [BindProperty(Name = PatientAssignment.ClinicianField)]
    public string? AssignTo { get; set; }

    [BindProperty(Name = PatientAssignment.NoteField)]
    public string? HandOverNote { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The form's problem, if any, shown the site's way (summary and beside the field).</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>The field whose form has the problem: its text is kept.</summary>
    public string? ErrorField => Errors.All.Count > 0 ? Errors.All[0].Field : null;

    public string Name { get; private set; } = "";

    public ClinicPatient Row { get; private set; } = null!;

    /// <summary>Who acknowledged the row and when, while it is off the worklist; null while it is on it.</summary>
    public (string By, DateTime AtUtc)? Acknowledged { get; private set; }

    public IReadOnlyList<TimelineAssessment> Assessments { get; private set; } = [];

    public IReadOnlyList<TrendDay> Trend { get; private set; } = [];

    /// <summary>
    /// The warning signs ticked in the diary, by day of the trend, each by its finding's label in clinical words
    /// ("Loss of bladder control"): every sign ticked in any entry of that day, once, in the order first ticked.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> WarningSigns { get; private set; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>Every STarT Back screen of the person, newest first (at most <see cref="MaxShown"/>).</summary>
    public IReadOnlyList<TimelineScreen> Screens { get; private set; } = [];

    public string? ScreensSvg { get; private set; }

    /// <summary>The language the person used with BackCare, and what it is read from (see <see cref="PatientLanguage"/>).</summary>
    public PatientLanguage Language { get; private set; } = PatientLanguage.Unknown;

    public string? ChartSvg { get; private set; }

    /// <summary>How many entries the person's diary holds in all.</summary>
    public int DiaryEntries { get; private set; }

    /// <summary>This page of the diary's entries, newest first (<see cref="DiaryPageSize"/> at most).</summary>
    public IReadOnlyList<ChartDiaryEntry> Entries { get; private set; } = [];

    /// <summary>The number of the first entry of this page, counting from the newest as 1.</summary>
    public int FirstEntryShown => ((DiaryPage - 1) * DiaryPageSize) + 1;

    public bool HasOlderEntries => DiaryPage * DiaryPageSize < DiaryEntries;

    /// <summary>The chart with another page of the diary's entries, back at the list.</summary>
    public string DiaryPageHref(int page) =>
        (page <= 1 ? $"/clinic/patients/{Id}" : $"/clinic/patients/{Id}?diary={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}") + "#diary-entries";

    public IReadOnlyList<TimelineAppointment> Appointments { get; private set; } = [];

    public IReadOnlyList<ThreadMessage> Messages { get; private set; } = [];

    public IReadOnlyList<TimelineNote> Notes { get; private set; } = [];

    public DateOnly? DateOfBirth { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The address the person signs in with, to write to them outside the app.</summary>
    public string Email { get; private set; } = "";

    /// <summary>The clinic's clinicians, whom the patient can be assigned to.</summary>
    public IReadOnlyList<Assignee> Assignees { get; private set; } = [];

    /// <summary>The latest assignment at this clinic; null when the patient was never assigned here.</summary>
    public LatestAssignment? Assignment { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken) || await PatientRowAsync(Id, cancellationToken) is null)
        {
            return NotFound();
        }

        await validation.CheckAsync(new NoteForm { Note = Body }, PageText.English, Errors, cancellationToken);
        if (Errors.Any)
        {
            return await ShowErrorsAsync(cancellationToken);
        }

        Db.ClinicalNotes.Add(new ClinicalNote(ClinicId, Id, ClinicianAccountId, Body!));
        await Db.SaveChangesAsync(cancellationToken);
        Notice = PageText.English["chart_note_added"];
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken) || await PatientRowAsync(Id, cancellationToken) is null)
        {
            return NotFound();
        }

        await validation.CheckAsync(new ReplyForm { Reply = Body }, PageText.English, Errors, cancellationToken);
        if (Errors.Any)
        {
            return await ShowErrorsAsync(cancellationToken);
        }

        await threads.SendFromClinicAsync(ClinicId, Id, ClinicianAccountId, Body!, cancellationToken);
        Notice = PageText.English["chart_message_sent"];
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken) || await PatientRowAsync(Id, cancellationToken) is null)
        {
            return NotFound();
        }

        var loaded = new DateTime(Math.Clamp(Activity, 0, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        var outcome = await WorklistUpdater.AcknowledgeAsync(Db, ClinicId, Id, loaded, ClinicianAccountId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        Notice = PageText.English[outcome switch
        {
            AcknowledgeOutcome.Acknowledged => "acknowledge_done",
            AcknowledgeOutcome.AlreadyAcknowledged => "acknowledge_already",
            _ => "acknowledge_something_new",
        }];
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken) || await PatientRowAsync(Id, cancellationToken) is null
            || !PatientAssignment.TryRead(AssignTo, out var clinicianId))
        {
            return NotFound();
        }

        if (PatientAssignment.NoteProblem(HandOverNote) is { } problem)
        {
            Errors.Add(HandOverField, problem);
            return await ShowErrorsAsync(cancellationToken);
        }

        var outcome = await WorklistUpdater.AssignAsync(
            Db, ClinicId, Id, clinicianId, ClinicianAccountId, HandOverNote, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (outcome is AssignOutcome.NotFound or AssignOutcome.NoSuchClinician)
        {
            return NotFound();
        }

        Notice = PatientAssignment.Done(outcome, clinicianId, await PatientAssignment.AssigneesAsync(Db, ClinicId, cancellationToken));
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> ShowErrorsAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadClinicAsync(cancellationToken) || await PatientRowAsync(Id, cancellationToken) is not { } row)
        {
            return false;
        }

        Row = row;
        if (row.IsAcknowledged)
        {
            var latest = await Db.WorklistAcknowledgements.AsNoTracking()
                .Where(a => a.ClinicId == ClinicId && a.OwnerId == Id)
                .OrderByDescending(a => a.CreatedUtc)
                .Join(Db.Accounts, a => a.AcknowledgedBy, account => account.Id, (a, account) => new { account.DisplayName, a.CreatedUtc })
                .FirstOrDefaultAsync(cancellationToken);
            Acknowledged = latest is null ? null : (latest.DisplayName, latest.CreatedUtc);
        }

        var person = await Db.Accounts.AsNoTracking().Where(a => a.Id == Id)
            .Select(a => new { a.DisplayName, a.DateOfBirth, a.Phone, a.Email })
            .SingleAsync(cancellationToken);
        (Name, DateOfBirth, Phone, Email) = (person.DisplayName, person.DateOfBirth, person.Phone, person.Email);
        Assignees = await PatientAssignment.AssigneesAsync(Db, ClinicId, cancellationToken);
        Assignment = await Db.WorklistAssignments.AsNoTracking()
            .Where(a => a.ClinicId == ClinicId && a.OwnerId == Id)
            .OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id)
            .Select(a => new LatestAssignment(
                Db.Clinicians.Where(c => c.Id == a.ClinicianId && c.ClinicId == ClinicId).Select(c => c.DisplayName).FirstOrDefault(),
                Db.Accounts.Where(by => by.Id == a.AssignedBy).Select(by => by.DisplayName).FirstOrDefault() ?? "",
                a.CreatedUtc,
                a.Note))
            .FirstOrDefaultAsync(cancellationToken);
        var assessments = await Db.SavedAssessments.AsNoTracking().OwnedBy(Id).Take(MaxShown).ToListAsync(cancellationToken);
        Assessments = [.. assessments.Select(a => new TimelineAssessment(
            a.CreatedUtc, a.Disposition, ReasonsOf(a.ResultJson), FindingsOf(a.CaseJson), RulesOf(a.ResultJson)))];

        var entries = await Db.DiaryEntries.AsNoTracking().OwnedBy(Id).Take(MaxShown).ToListAsync(cancellationToken);
        DiaryEntries = await Db.DiaryEntries.CountAsync(e => e.OwnerId == Id, cancellationToken);
        DiaryPage = Math.Clamp(DiaryPage, 1, Math.Max(1, (DiaryEntries + DiaryPageSize - 1) / DiaryPageSize));
        var page = DiaryPage == 1
            ? entries.Take(DiaryPageSize).ToList()
            : await Db.DiaryEntries.AsNoTracking().OwnedBy(Id).Skip((DiaryPage - 1) * DiaryPageSize).Take(DiaryPageSize).ToListAsync(cancellationToken);
        Entries = [.. page.Select(e => new ChartDiaryEntry(
            e.CreatedUtc, e.PainScore, e.Spasms,
            [("walk", e.WalkLevel), ("sit", e.SitLevel), ("sleep", e.SleepLevel), ("work", e.WorkLevel)],
            [.. TickedSigns(e.NewFindingsJson).Distinct().Select(WorklistWords.Finding)],
            string.IsNullOrWhiteSpace(e.Notes) ? null : e.Notes))];
        var screens = await Db.RiskScreens.AsNoTracking().OwnedBy(Id).Take(MaxShown).ToListAsync(cancellationToken);
        Screens = [.. screens.Select(s => new TimelineScreen(s.CreatedUtc, s.TotalScore, s.PsychosocialScore, s.Group))];
        ScreensSvg = Screens.Count > 1 ? ScreenChart.Render(Screens, PageText.English) : null;
        audit.Stage(AuditAction.Read, Id, nameof(RiskScreen));
        if (assessments.Count > 0)
        {
            var plan = PersonalPlan.For(assessments[^1], screens.FirstOrDefault(), clock.GetUtcNow().UtcDateTime);
            Trend = plan.Trend(entries);
            WarningSigns = entries
                .OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id)
                .Select(e => (Day: plan.DayOf(e), Signs: TickedSigns(e.NewFindingsJson)))
                .Where(e => e.Signs.Length > 0)
                .GroupBy(e => e.Day)
                .ToDictionary(day => day.Key, day => (IReadOnlyList<string>)[.. day.SelectMany(e => e.Signs).Distinct().Select(WorklistWords.Finding)]);
            var text = RecoveryText.English;
            var words = PageText.English;
            ChartSvg = TrendChart.Render(
                Trend,
                new TrendChartText(
                    words["chart_diary_label"], text["chart_pain"], text["chart_function"], text["chart_days"], text["chart_day_tick"], text["chart_empty"]),
                flaggedDays: WarningSigns.Keys.ToHashSet());
        }


        Appointments = await Db.Appointments.AsNoTracking()
            .Where(a => a.OwnerId == Id && a.ClinicId == ClinicId)
            .OrderByDescending(a => a.StartUtc)
            .Take(MaxShown)
            .Select(a => new TimelineAppointment(a.StartUtc, a.Kind, a.Status, a.Reason))
            .ToListAsync(cancellationToken);
        Notes = await Db.ClinicalNotes.AsNoTracking()
            .Where(n => n.OwnerId == Id && n.ClinicId == ClinicId)
            .OrderByDescending(n => n.CreatedUtc)
            .Take(MaxShown)
            .Join(Db.Accounts, n => n.AuthorId, a => a.Id, (n, a) => new TimelineNote(n.CreatedUtc, a.DisplayName, n.Body))
            .ToListAsync(cancellationToken);

        audit.Stage(AuditAction.Read, Id, nameof(SavedAssessment));
        audit.Stage(AuditAction.Read, Id, nameof(DiaryEntry));
        audit.Stage(AuditAction.Read, Id, nameof(Appointment));
        audit.Stage(AuditAction.Read, Id, nameof(ClinicalNote));
        Messages = await threads.ReadAsync(ClinicId, Id, readerIsClinic: true, cancellationToken);
        Language = PatientLanguage.Of(assessments.Select(a => a.CaseJson), Messages.Where(m => !m.FromClinic).Select(m => m.Body));
        return true;
    }

    /// <summary>
    /// The findings a stored case gave, each by its label (the words the finding catalogue lists it by): a finding that
    /// is present, a number with its value, a choice with its value's label. Findings answered "no" are left out.
    /// </summary>
    private static string[] FindingsOf(string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        if (!document.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var shown = new List<string>();
        foreach (var finding in findings.EnumerateObject())
        {
            if (!BackCare.Clinical.Findings.FindingCatalog.TryGet(finding.Name, out var definition))
            {
                continue;
            }

            var words = PageText.English;
            switch (finding.Value.ValueKind)
            {
                case JsonValueKind.True:
                    shown.Add(definition.Label);
                    break;
                case JsonValueKind.Number:
                    shown.Add(words.Format("chart_finding_value", definition.Label, finding.Value.GetRawText()));
                    break;
                case JsonValueKind.String when finding.Value.GetString() is { } value:
                    shown.Add(words.Format("chart_finding_value", definition.Label, BackCare.Clinical.ClinicalText.ChoiceLabel(finding.Name, value)));
                    break;
            }
        }

        return [.. shown];
    }

    /// <summary>The finding codes an entry's person ticked from the warning-sign list; none for an entry without any.</summary>
    private static string[] TickedSigns(string newFindingsJson)
    {
        using var document = JsonDocument.Parse(newFindingsJson);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
    }

    /// <summary>The ids of the triage rules behind a stored result's reasons, each once, in the result's order.</summary>
    private static string[] RulesOf(string resultJson)
    {
        using var document = JsonDocument.Parse(resultJson);
        return document.RootElement.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array
            ? [.. reasons.EnumerateArray().Select(r => r.TryGetProperty("rule", out var id) ? id.GetString() ?? "" : "").Where(id => id.Length > 0).Distinct()]
            : [];
    }

    /// <summary>The plain-words reasons of a stored contract result.</summary>
    private static string[] ReasonsOf(string resultJson)
    {
        using var document = JsonDocument.Parse(resultJson);
        return document.RootElement.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array
            ? [.. reasons.EnumerateArray().Select(r => r.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "").Where(t => t.Length > 0)]
            : [];
    }
}
