using BackCare.Data.Clinics;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// With one clinic, everyone is its patient: a person whose saved assessment says to be seen urgently or at once
/// appears on its worklist, as one who books does; a calmer one is in its list of all patients only (decision 0026).
/// A host of its own, with one clinic.
/// </summary>
public sealed class UrgentCheckWorklistTests(UrgentCheckWorklistTests.OneClinic host) : IClassFixture<UrgentCheckWorklistTests.OneClinic>
{
    private const string EmergencyCase = """{"id":"e","age":52,"findings":{"pain_score":6,"onset_days":1,"saddle_numbness":true}}""";

    public sealed class OneClinic : IDisposable
    {
        public BackCareFactory Factory { get; } = BackCareFactory.Without("DemoClinic:Enabled");

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task Given_one_clinic_When_a_person_of_no_clinic_saves_an_emergency_assessment_Then_the_clinician_sees_them_on_the_worklist_and_a_calmer_person_only_among_all_patients()
    {
        var clinic = await AddClinicAsync(host.Factory);
        var (clinician, _) = await SignedInClinicianAsync(host.Factory, clinic);
        using var _b = clinician;

        var (urgent, urgentId) = await PersonAsync(host.Factory, "Ulla Urgent", EmergencyCase);
        urgent.Dispose();
        var (calm, calmId) = await PersonAsync(host.Factory, "Carl Calm");
        calm.Dispose();
        await clinician.Open("/clinic");

        var names = clinician.Document.QuerySelectorAll("table.worklist tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToList();
        names.ShouldBe(["Ulla Urgent"]);
        var row = await InDbAsync(host.Factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == urgentId));
        (row.ClinicId, row.Priority, row.Disposition).ShouldBe((clinic, ClinicPatient.PriorityOf("emergency"), "emergency"));
        var calmRow = await InDbAsync(host.Factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == calmId));
        (calmRow.ClinicId, calmRow.IsAcknowledged).ShouldBe((clinic, true));
        await clinician.Open("/clinic/patients");
        clinician.Document.QuerySelectorAll("table.worklist tbody th[scope=row]").Select(th => th.TextContent.Trim()).Order()
            .ShouldBe(["Carl Calm", "Ulla Urgent"]);
    }
}
