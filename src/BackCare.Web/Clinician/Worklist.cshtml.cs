using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Clinician;

/// <summary>The clinic's patients, the most urgent and longest waiting first, a page at a time, filtered or searched.</summary>
public sealed class WorklistModel(BackCareDbContext db, AuditLog audit, TimeProvider clock, InboxWaitingCounts inboxCounts) : PatientListModel(db, audit, clock)
{
    [BindProperty(Name = "after", SupportsGet = true)]
    public string? After { get; set; }

    public string? NextHref { get; private set; }

    public bool IsFirstPage { get; private set; }

    /// <summary>How many contact requests and patients' threads wait for an answer in the clinic's inbox.</summary>
    public int InboxWaiting { get; private set; }

    protected override string CaptionKey => "worklist_caption";

    public override string Path => "/clinic";

    protected override (string Name, string Value)[] PageState =>
        WorklistCursor.Parse(After) is { } cursor ? [("after", cursor.Encode())] : [];

    protected override async Task ReadRowsAsync(CancellationToken cancellationToken)
    {
        var cursor = WorklistCursor.Parse(After);
        IsFirstPage = cursor is null;
        var page = await Worklist.PageAsync(Db, ClinicId, cursor, NowUtc, DatabaseFilter(), cancellationToken: cancellationToken);
        Rows = page.Rows;
        NextHref = page.Next is { } next ? Href(("after", next.Encode())) : null;
        InboxWaiting = await inboxCounts.CountAsync(Db, ClinicId, cancellationToken);
    }
}
