using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Triage;
using static BackCare.Clinical.Findings.FindingCode;

namespace BackCare.Clinical.Tests.Interview;

public class InterviewFlowTests
{
    /// <summary>Answers every step of the interview as a person with no red flags would, and returns the steps asked.</summary>
    private static List<InterviewStep> Walk(int age, Sex? sex, FindingSet findings, double onsetDays = 1, params FindingCode[] yes)
    {
        var asked = new List<InterviewStep>();
        while (InterviewFlow.Next(age, sex, findings) is { } step)
        {
            asked.Count.ShouldBeLessThan(40, "the interview always ends");
            asked.ShouldNotContain(step, "no step is asked twice");
            asked.Add(step);
            var pending = step.Pending(age, sex, findings);
            if (step.IsGroup)
            {
                var ticked = pending.Select(q => q.Code).Where(yes.Contains).ToList();
                step.AnswerGroup([.. pending.Select(q => q.Code)], ticked, ticked.Count == 0, findings).ShouldBe(GroupAnswerProblem.None);
                continue;
            }

            var code = pending.Single().Code;
            switch (code)
            {
                case Trigger: FindingReader.TrySetChoice(code, "lifting", findings).ShouldBeTrue(); break;
                case Course: FindingReader.TrySetChoice(code, "unchanged", findings).ShouldBeTrue(); break;
                case PainRegion: FindingReader.TrySetChoice(code, "lower", findings).ShouldBeTrue(); break;
                case OnsetDays: FindingReader.TrySetNumber(code, onsetDays, findings).ShouldBeNull(); break;
                case PainScore: FindingReader.TrySetNumber(code, 6, findings).ShouldBeNull(); break;
                case PreviousEpisodes or SelfCareDays: FindingReader.TrySetNumber(code, 0, findings).ShouldBeNull(); break;
                default: findings.Set(code, yes.Contains(code)); break;
            }
        }

        return asked;
    }

    [Theory]
    [InlineData(34, Sex.Male, 1, 13)]
    [InlineData(34, Sex.Female, 1, 13)]
    [InlineData(34, Sex.Male, 0, 12)]
    [InlineData(70, null, 5, 13)]
    [InlineData(22, Sex.Female, 2, 13)]
    public void Given_a_simple_home_care_case_When_walked_through_Then_it_takes_at_most_sixteen_steps(int age, Sex? sex, double onset, int steps)
    {
        var findings = new FindingSet();

        var asked = Walk(age, sex, findings, onset);

        asked.Count.ShouldBe(steps);
        asked.Count.ShouldBeLessThanOrEqualTo(16);
        TriageEngine.Evaluate(age, findings).Disposition.ShouldBe(Disposition.SelfCare);
        asked[0].Id.ShouldBe("nerve_warning_signs", "the most dangerous signs come first");
        asked[^1].Id.ShouldBe("medicine_safety", "medicine safety comes last");
    }

    [Theory]
    [InlineData(FindingGroup.Nerves)]
    [InlineData(FindingGroup.WholeBody)]
    [InlineData(FindingGroup.NotTheSpine)]
    public void Given_no_red_flags_When_the_interview_ends_Then_every_red_flag_of_the_group_was_asked_before_the_result(FindingGroup group)
    {
        var findings = new FindingSet();

        Walk(40, Sex.Female, findings);

        foreach (var definition in FindingCatalog.All.Where(d => d.Group == group && d.IsBoolean))
        {
            var question = InterviewFlow.Questions.Single(q => q.Code == definition.Code);
            if (question.AskWhen(40, Sex.Female, findings))
            {
                findings.IsAnswered(definition.Code).ShouldBeTrue($"{definition.Key} is asked");
            }
        }
    }

    [Fact]
    public void Given_every_finding_in_the_flow_When_listed_Then_each_yes_no_red_flag_is_in_a_group_before_any_medicine_question()
    {
        var firstMedicine = InterviewFlow.Steps.ToList().FindIndex(s => s.IsMedicineSafety);
        var redFlags = FindingCatalog.All.Where(d => d.IsBoolean && d.Group is FindingGroup.Nerves or FindingGroup.WholeBody or FindingGroup.NotTheSpine);

        foreach (var definition in redFlags)
        {
            var index = InterviewFlow.Steps.ToList().FindIndex(s => s.Questions.Any(q => q.Code == definition.Code));
            index.ShouldBeGreaterThanOrEqualTo(0, $"{definition.Key} is asked");
            index.ShouldBeLessThan(firstMedicine, $"{definition.Key} comes before medicine safety");
        }

        InterviewFlow.Steps.Where(s => s.IsGroup).ShouldAllBe(s => s.Questions.Count <= 8);
        InterviewFlow.Questions.Select(q => q.Code).ShouldBeUnique();
    }

    [Theory]
    [InlineData(SaddleNumbness)]
    [InlineData(BladderDysfunction)]
    [InlineData(LegParalysis)]
    public void Given_an_emergency_ticked_in_the_first_group_When_answered_Then_nothing_more_is_asked(FindingCode code)
    {
        var findings = new FindingSet();

        var asked = Walk(50, Sex.Male, findings, 1, code);

        asked.Select(s => s.Id).ShouldBe(["nerve_warning_signs"]);
        TriageEngine.Evaluate(50, findings).Disposition.ShouldBe(Disposition.Emergency);
    }

    [Fact]
    public void Given_leg_weakness_ticked_When_the_group_is_answered_Then_how_fast_it_worsens_is_asked_next_on_its_own()
    {
        var findings = new FindingSet();

        var asked = Walk(45, Sex.Male, findings, 1, LegWeakness);

        asked[1].Id.ShouldBe("leg_weakness_progressive");
        asked[1].IsGroup.ShouldBeFalse();
    }

    [Fact]
    public void Given_an_urgent_answer_When_the_rest_is_answered_Then_medicine_safety_is_not_asked()
    {
        var findings = new FindingSet();

        var asked = Walk(45, Sex.Male, findings, 1, LegWeakness);

        asked.ShouldNotContain(s => s.IsMedicineSafety);
        ((int)TriageEngine.Evaluate(45, findings).Disposition).ShouldBeGreaterThanOrEqualTo((int)Disposition.Urgent);
    }

    [Theory]
    [InlineData("fever", false, null, true, false)]
    [InlineData("fever chest_pain", false, null, true, true)]
    [InlineData("", true, null, false, false)]
    [InlineData("", false, GroupAnswerProblem.NothingChosen, false, false)]
    [InlineData("fever", true, GroupAnswerProblem.NoneWithOthers, false, false)]
    [InlineData("cancer_history", false, GroupAnswerProblem.NotAnOption, false, false)]
    public void Given_a_group_answer_When_applied_Then_ticked_is_yes_unticked_is_no_and_bad_answers_change_nothing(
        string tickedKeys, bool none, GroupAnswerProblem? problem, bool fever, bool chest)
    {
        var step = InterviewFlow.Step("body_warning_signs")!;
        var findings = new FindingSet();
        var shown = step.Pending(40, Sex.Male, findings).Select(q => q.Code).ToList();
        var ticked = tickedKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(k => FindingCatalog.All.Single(d => d.Key == k).Code).ToList();

        var result = step.AnswerGroup(shown, ticked, none, findings);

        result.ShouldBe(problem ?? GroupAnswerProblem.None);
        findings[Fever].ShouldBe(fever);
        findings[ChestPain].ShouldBe(chest);
        var allAnswered = shown.All(findings.IsAnswered);
        allAnswered.ShouldBe(problem is null, "a good answer answers every option shown, a bad one none");
    }

    [Fact]
    public void Given_some_of_a_group_answered_already_When_the_group_comes_up_Then_only_the_unanswered_options_are_shown()
    {
        var findings = new FindingSet();
        findings.Set(BladderDysfunction, false).Set(SaddleNumbness, false);

        var step = InterviewFlow.Next(40, Sex.Female, findings)!;

        step.Id.ShouldBe("nerve_warning_signs");
        var shown = step.Shown(40, Sex.Female, findings).Select(q => q.Code).ToList();
        shown.ShouldNotContain(BladderDysfunction);
        shown.ShouldNotContain(SaddleNumbness);
        shown.Count.ShouldBe(6);
    }

    [Fact]
    public void Given_every_option_of_a_group_answered_already_When_the_next_step_is_sought_Then_the_group_is_skipped()
    {
        var findings = new FindingSet();
        foreach (var question in InterviewFlow.Step("nerve_warning_signs")!.Questions)
        {
            findings.Set(question.Code, false);
        }

        InterviewFlow.Next(40, Sex.Female, findings)!.Id.ShouldBe("body_warning_signs");
    }

    [Theory]
    [InlineData(30, Sex.Male, false, true)]
    [InlineData(30, Sex.Female, true, true)]
    [InlineData(65, Sex.Female, false, true)]
    [InlineData(14, null, true, false)]
    public void Given_age_and_sex_When_the_medicine_page_is_shown_Then_it_only_offers_what_can_apply(int age, Sex? sex, bool pregnancy, bool alcohol)
    {
        var shown = InterviewFlow.Step("medicine_safety")!.Shown(age, sex, new FindingSet()).Select(q => q.Code).ToList();

        shown.Contains(Pregnant).ShouldBe(pregnancy);
        shown.Contains(HeavyAlcohol).ShouldBe(alcohol);
        shown.ShouldContain(KidneyDisease);
    }

    [Fact]
    public void Given_every_group_When_its_text_is_read_Then_it_has_a_question_a_label_and_an_option_text_for_each_finding()
    {
        foreach (var step in InterviewFlow.Steps.Where(s => s.IsGroup))
        {
            step.Text.ShouldNotBeNullOrWhiteSpace();
            step.Label.ShouldNotBeNullOrWhiteSpace();
            step.Questions.ShouldAllBe(q => !string.IsNullOrWhiteSpace(q.OptionText));
        }

        InterviewText.NoneOfThese.ShouldBe("None of these");
    }

    [Fact]
    public void Given_every_finding_that_can_alone_raise_the_result_When_listed_Then_the_interview_can_ask_each_of_them()
    {
        UnaskedFindings.CanRaiseAlone.ShouldNotBeEmpty();
        UnaskedFindings.CanRaiseAlone.ShouldAllBe(code => InterviewFlow.Questions.Any(q => q.Code == code));
    }

    [Theory]
    [InlineData(34, Sex.Male, 1)]
    [InlineData(75, Sex.Female, 30)]
    [InlineData(16, null, 120)]
    public void Given_nothing_answered_When_walked_through_Then_every_finding_that_can_alone_raise_the_result_is_asked_before_any_other_step(int age, Sex? sex, double onset)
    {
        var findings = new FindingSet();

        var asked = Walk(age, sex, findings, onset);

        var raising = asked.Select(step => step.Questions.Any(q => UnaskedFindings.CanRaiseAlone.Contains(q.Code))).ToList();
        raising.IndexOf(false).ShouldBeGreaterThan(raising.LastIndexOf(true), "no other step comes before one that could alone raise the result");
        UnaskedFindings.In(findings).ShouldAllBe(code => !InterviewFlow.Questions.Single(q => q.Code == code).AskWhen(age, sex, findings),
            "each one is answered, unless it is a follow-up that cannot apply");
    }

    [Fact]
    public void Given_a_free_text_start_that_answered_the_episode_but_not_the_red_flags_When_the_interview_goes_on_Then_the_unasked_come_first()
    {
        var findings = new FindingSet();
        FindingReader.TrySetChoice(Trigger, "lifting", findings).ShouldBeTrue();
        FindingReader.TrySetNumber(OnsetDays, 1, findings).ShouldBeNull();
        FindingReader.TrySetNumber(PainScore, 6, findings).ShouldBeNull();
        findings.Set(Fever, false);
        var unasked = UnaskedFindings.In(findings);

        var asked = Walk(34, Sex.Female, findings);

        var firstOther = asked.FindIndex(step => !step.Questions.Any(q => unasked.Contains(q.Code)));
        firstOther.ShouldBeGreaterThan(0);
        asked.Take(firstOther).SelectMany(step => step.Questions).Select(q => q.Code).ShouldContain(BladderDysfunction);
        asked.Skip(firstOther).ShouldAllBe(step => !step.Questions.Any(q => unasked.Contains(q.Code) && q.AskWhen(34, Sex.Female, new FindingSet())));
    }
}
