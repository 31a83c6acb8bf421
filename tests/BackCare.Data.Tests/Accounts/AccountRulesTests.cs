using BackCare.Data.Accounts;
using BackCare.Data.Diary;
using BackCare.Data.Risk;

namespace BackCare.Data.Tests.Accounts;

public sealed class AccountRulesTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("sam@example.org", true)]
    [InlineData("  Sam.Lee+back@clinic.example.co.uk ", true)]
    [InlineData("sam@example", false)]
    [InlineData("sam@@example.org", false)]
    [InlineData("sam@exa@mple.org", false)]
    [InlineData("@example.org", false)]
    [InlineData("sam@.org", false)]
    [InlineData("sam@example.", false)]
    [InlineData("sam@example..org", false)]
    [InlineData("sam lee@example.org", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Given_an_email_When_checked_for_registration_Then_only_a_plausible_address_passes(string? email, bool valid) =>
        AccountService.IsValidEmail(email).ShouldBe(valid);

    [Fact]
    public void Given_an_address_of_255_characters_When_checked_Then_it_is_too_long() =>
        AccountService.IsValidEmail(new string('a', 243) + "@example.org").ShouldBeFalse();

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(7, 120)]
    [InlineData(9, 480)]
    [InlineData(10, 900)]
    [InlineData(40, 900)]
    public void Given_wrong_passwords_in_a_row_from_one_client_When_counted_Then_the_wait_doubles_from_the_fifth_up_to_fifteen_minutes(
        int failures, int seconds)
    {
        var throttle = new SignInThrottle(SignInThrottle.KeyFor("A@EXAMPLE.ORG", "192.0.2.1"));
        for (var i = 0; i < failures; i++)
        {
            throttle.RecordFailure(Now);
        }

        throttle.IsBlocked(Now).ShouldBe(seconds > 0);
        throttle.IsBlocked(Now + TimeSpan.FromSeconds(seconds)).ShouldBeFalse();
        if (seconds > 0)
        {
            throttle.BlockedUntilUtc.ShouldBe(Now + TimeSpan.FromSeconds(seconds));
        }
    }

    [Fact]
    public void Given_four_wrong_passwords_a_day_ago_When_another_comes_Then_the_count_has_started_again()
    {
        var throttle = new SignInThrottle("key");
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure(Now);
        }

        throttle.RecordFailure(Now + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        throttle.Failures.ShouldBe(1);
        throttle.IsBlocked(Now + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1)).ShouldBeFalse();
    }

    [Fact]
    public void Given_one_email_When_keyed_from_two_clients_Then_the_keys_differ_and_hold_neither_the_email_nor_the_address()
    {
        var first = SignInThrottle.KeyFor("A@EXAMPLE.ORG", "192.0.2.1");
        var second = SignInThrottle.KeyFor("A@EXAMPLE.ORG", "198.51.100.7");

        first.ShouldNotBe(second);
        first.ShouldNotContain("EXAMPLE");
        first.ShouldNotContain("192.0.2.1");
        SignInThrottle.KeyFor("A@EXAMPLE.ORG", "192.0.2.1").ShouldBe(first);
    }

    [Fact]
    public void Given_an_account_When_its_role_or_clinic_changes_Then_its_stamp_is_renewed_and_not_when_nothing_changes()
    {
        var account = new Account("a@example.org", "A", AccountRole.Clinician);
        var stamps = new List<string> { account.SecurityStamp };
        account.JoinClinic(Guid.NewGuid());
        stamps.Add(account.SecurityStamp);
        account.ChangeRole(AccountRole.Patient);
        stamps.Add(account.SecurityStamp);
        account.LeaveClinic();
        stamps.Add(account.SecurityStamp);

        stamps.Distinct().Count().ShouldBe(4);
        account.ChangeRole(AccountRole.Patient);
        account.LeaveClinic();
        account.SecurityStamp.ShouldBe(stamps[^1]);
        account.SetPasswordHash("another-hash");
        account.SecurityStamp.ShouldBe(stamps[^1], "a rehash of the same password signs nobody out");
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(11, 0)]
    [InlineData(5, -1)]
    public void Given_a_pain_score_or_spasm_count_off_the_scale_When_a_diary_entry_is_made_Then_it_is_refused(int pain, int spasms) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new DiaryEntry(
            Guid.NewGuid(),
            new DiaryInput(pain, spasms, true, true, true, true, null, null, null, "[]"),
            new DiaryReassessment("self_care", null, false)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 0)]
    [InlineData(3, 40)]
    public void Given_a_pain_score_and_spasm_count_on_the_scale_When_a_diary_entry_is_made_Then_it_keeps_them(int pain, int spasms)
    {
        var entry = new DiaryEntry(
            Guid.NewGuid(), new DiaryInput(pain, spasms, true, true, true, true, null, null, null, "[]"), new DiaryReassessment("self_care", null, false));

        (entry.PainScore, entry.Spasms).ShouldBe((pain, spasms));
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(-1, 0)]
    [InlineData(3, 4)]
    [InlineData(9, 6)]
    public void Given_scores_STarT_Back_cannot_give_When_a_risk_screen_is_made_Then_it_is_refused(int total, int psychosocial) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RiskScreen(Guid.NewGuid(), "[]", total, psychosocial, RiskGroup.High));
}
