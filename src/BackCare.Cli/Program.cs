using System.CommandLine;
using BackCare.Cli;
using BackCare.Clinical;
using BackCare.Clinical.Language;

var jsonl = new Option<string>("--jsonl")
{
    Description = "A file of JSON Lines, one case per line, or - for standard input.",
    Required = true,
};

var assess = new Command("assess", "Assess cases of the assessment contract, one result line per case.") { jsonl };
assess.SetAction(parse => AssessCommand.Run(parse.GetValue(jsonl)!, Engine.Assessor, Console.In, Console.Out, Console.Error));

var context = new Command("context", "Say whether a target phrase in each sentence is negated, past or hypothetical, and whose it is.") { jsonl };
context.SetAction(parse => ContextCommand.Run(parse.GetValue(jsonl)!, ContextEngine.Default, Console.In, Console.Out, Console.Error));

var interview = new Command("interview", "Answer questions about your back in the terminal and get advice.");
interview.SetAction(_ => new InterviewSession(Console.In, Console.Out).Run());

var root = new RootCommand("BackCare: triage and home care for back spasms and acute low back pain.")
{
    assess,
    context,
    interview,
    MigrateCommand.Create(Console.Out, Console.Error),
    AdminCommand.Create(Console.Out, Console.Error),
    BackupCommand.CreateBackup(Console.Out, Console.Error),
    BackupCommand.CreateRestore(Console.Out, Console.Error),
};

return root.Parse(args).Invoke();

namespace BackCare.Cli
{
    /// <summary>The engine as the command line uses it.</summary>
    internal static class Engine
    {
        public static readonly Assessor Assessor = new(NarrativeReader.Default);
    }
}
