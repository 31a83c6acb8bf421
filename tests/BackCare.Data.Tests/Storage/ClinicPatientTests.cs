using BackCare.Data.Clinics;

namespace BackCare.Data.Tests.Storage;

public sealed class ClinicPatientTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("red_flag", 0)]
    [InlineData("emergency", 1)]
    [InlineData("urgent", 2)]
    [InlineData("routine", 3)]
    [InlineData("self_care", 4)]
    public void Given_a_disposition_When_ranked_Then_the_more_urgent_comes_first(string disposition, int priority) =>
        ClinicPatient.PriorityOf(disposition).ShouldBe(priority);

    [Fact]
    public void Given_a_routine_patient_When_something_more_urgent_happens_Then_they_move_up_and_their_wait_restarts()
    {
        var row = new ClinicPatient(Guid.NewGuid(), Guid.NewGuid(), priority: 3, Monday);

        row.Raise(ClinicPatient.NewRedFlagPriority, Monday.AddDays(2));

        row.Priority.ShouldBe(0);
        row.WaitingSinceUtc.ShouldBe(Monday.AddDays(2));
    }

    [Fact]
    public void Given_an_urgent_patient_When_a_calmer_day_is_recorded_Then_they_stay_urgent_until_the_clinic_has_acted()
    {
        var row = new ClinicPatient(Guid.NewGuid(), Guid.NewGuid(), priority: 2, Monday);

        row.Raise(4, Monday.AddDays(1));

        row.Priority.ShouldBe(2);
        row.WaitingSinceUtc.ShouldBe(Monday);
        row.LastActivityUtc.ShouldBe(Monday.AddDays(1));

        row.Seen(4, Monday.AddDays(2));

        row.Priority.ShouldBe(4);
        row.WaitingSinceUtc.ShouldBe(Monday.AddDays(2));
    }
}
