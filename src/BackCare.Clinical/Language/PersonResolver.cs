using BackCare.Clinical.Findings;
using BackCare.Clinical.Contract;

namespace BackCare.Clinical.Language;

/// <summary>
/// Works out whom a narrative is about, and marks every word for a person as the patient or someone else,
/// so that the scope judge drops only what is said of other people. A patient writing for themselves is
/// "I"; someone writing for the patient ("Writing for my mum, she's 81", "My husband can't feel his legs")
/// makes the patient the person written about, while the writer's own "I" and the people mentioned along
/// the way ("my brother had surgery after he lost bladder control") stay other people. A pronoun stands for
/// the last person of its gender named before it in the sentence, else for the patient when the gender fits.
/// </summary>
internal sealed class PersonResolver
{
    // How far before a pronoun its person may have been named, in tokens.
    private const int AntecedentReach = 30;

    // How far after "writing for" the person written about is looked for.
    private const int IntroReach = 6;

    // How far an age said in the text may be from the case's own and still be the same person's (a birthday between).
    private const int AgeSlack = 1;

    // How far an age said of someone else must be from the case's to say plainly that they are not the patient.
    private const int ClearlyAnotherAge = 5;

    // How far before a quotation its speaker may be named, in tokens ("and I'm quoting her, '...'").
    private const int SpeakerReach = 8;

    private readonly Token[] _tokens;

    // The owner of the back at its first mention, found once: both the patient and the back's subject ask for it.
    private int? _backOwner;
    private readonly PeopleWords _people;
    private readonly string _text;

    // Tokens inside a pseudo-cue ("BP patient", "cancer de mama"), which name no one; null when there are none.
    private bool[]? _inPseudo;

    // Tokens inside quotation marks, worked out when first asked; null until then.
    private bool[]? _quoted;

    // Tokens on the lines an email quotes from the message it answers, worked out on first use.
    private bool[]? _inReply;

    // Tokens on pasted lines whose named speaker is not the writer, worked out on first use.
    private bool[]? _onOthersLines;

    // Tokens on the lines of the patient where several named people speak (SaidOnThePatientsLine), worked out on first use.
    private bool[]? _onPatientsLines;

    // True when some pasted line is labelled as the writer's own ("Me:"); found with _onOthersLines.
    private bool _writerLabelsLines;

    // Several named people speak on pasted lines and the others talk about one of them, the patient (OnlyNamedSpeaker).
    private bool _patientSpeaksAmongOthers;

    // The first person word that may be the patient, worked out on first use; the text's length when there is none.
    private int? _firstNamed;

    public PersonResolver(Token[] tokens, PeopleWords people, string text)
    {
        _tokens = tokens;
        _people = people;
        _text = text;
    }

    /// <summary>
    /// Decides the writer (the given one, or the one the words point to) and rewrites the person cues:
    /// <see cref="NarrativeCue.FirstPerson"/> for words that mean the patient, <see cref="NarrativeCue.OtherPerson"/>
    /// for anyone else.
    /// </summary>
    public NarrativeWriter Resolve(List<PhraseMatch> cues, NarrativeWriter? given, NarrativePatient facts = default)
    {
        MarkPseudoCues(cues);
        var patient = Person(FindPatient(out var introduced));
        var fromCase = given == NarrativeWriter.Self ? null : TheCasesPerson(facts, patient);
        if (fromCase is { } person && (person >= 0 || given is null))
        {
            patient = person;
        }

        var writer = given ?? (fromCase is { } says ? (says >= 0 ? NarrativeWriter.Other : NarrativeWriter.Self) : Infer(cues, patient, introduced));
        if (given is null && fromCase is null && writer == NarrativeWriter.Self && OtherSpeakerTellsTheirOwn(cues) is var speaker and >= 0)
        {
            // "Me: hows the back?" / "Him: backs killing me": the writer asks after the one who tells of their pain.
            (writer, patient) = (NarrativeWriter.Other, speaker);
        }

        if (writer == NarrativeWriter.Self)
        {
            ForgetPeopleActedOn(cues);
            OtherSpeakersSpeakForThemselves(cues);
        }

        if (writer == NarrativeWriter.Self || patient < 0)
        {
            // Someone writing for the patient in the patient's own first person ("I have a fever", typed by a
            // carer) names no one else: the "I" is then the patient's, since no other person is there to be.
            return writer;
        }

        // "Me: you're on chemo Lin": the writer's label names who speaks the line, not whom it is about.
        cues.RemoveAll(cue => (NarrativeCue)cue.Payload == NarrativeCue.FirstPerson && _people.IsWriterWord(_tokens[cue.Start].Text) && LabelsItsLine(cue.Start));

        var patientGender = patient >= 0 ? _people.GenderOf(_tokens[patient].Text) : PersonGender.Unknown;
        if (patientGender == PersonGender.Unknown)
        {
            patientGender = MostUsedPronounGender();
        }

        for (var c = 0; c < cues.Count; c++)
        {
            var cue = cues[c];
            var kind = (NarrativeCue)cue.Payload;
            if (kind is not (NarrativeCue.FirstPerson or NarrativeCue.OtherPerson))
            {
                continue;
            }

            var isPatient = IsPatient(cue, kind, patient, patientGender);
            cues[c] = cue with { Payload = (int)(isPatient ? NarrativeCue.FirstPerson : NarrativeCue.OtherPerson) };
        }

        QuotePatient(cues, patient, patientGender);

        // "he just told me it feels numb": the writer as the one told says nothing of whose numbness it is; "Husband says
        // hot & cold, temp 38.3": someone named who reports says nothing of whose fever it is.
        cues.RemoveAll(cue => (NarrativeCue)cue.Payload == NarrativeCue.OtherPerson
            && ((_people.IsWriterObject(_tokens[cue.Start].Text) && cue.Start > 0 && _people.IsMessengerVerb(_tokens[cue.Start - 1].Text))
                || (!_people.IsPronoun(_tokens[cue.Start].Text) && cue.End < _tokens.Length && _people.IsReportingVerb(_tokens[cue.End].Text))));
        return writer;
    }

    /// <summary>"his back" names the patient by a pronoun: the person is the one it stands for, if named before.</summary>
    private int Person(int token)
    {
        if (token < 0 || !_people.IsPronoun(_tokens[token].Text))
        {
            return token;
        }

        var named = Antecedent(token, _people.GenderOf(_tokens[token].Text), wholeText: true);
        return named >= 0 ? named : token;
    }

    /// <summary>
    /// Who the case's own age and sex say the text is about, when it names several people: the token of the person
    /// whose age the text gives as the case's ("Dad, 72"), -1 for the writer ("Me, 45", "I'm 36"), or null when they
    /// do not tell. The writer is also the patient when they speak of their own back and every age the text gives
    /// to others is plainly not the case's ("my daughter Kerry (31)" in a case of 58), or when the person found
    /// otherwise is of the other sex ("my girlfriend" in a man's case). Someone writing only of another's back is
    /// never turned into the patient by a mismatch: the case's age may be the writer's by mistake.
    /// </summary>
    private int? TheCasesPerson(NarrativePatient facts, int patient)
    {
        int? writerAge = null;
        var matched = -2;
        var othersOnly = true;
        var otherAged = false;
        foreach (var (person, age) in AgesSaid())
        {
            var fits = facts.Age is { } caseAge && Math.Abs(caseAge - age) <= AgeSlack;
            if (person < 0)
            {
                writerAge = age;
                othersOnly = false;
                if (fits)
                {
                    matched = matched == -2 || matched == -1 ? -1 : -3;
                }

                continue;
            }

            otherAged |= facts.Age is { } a && Math.Abs(a - age) >= ClearlyAnotherAge;
            if (fits)
            {
                matched = matched == -2 || (matched >= 0 && IsThePatient(person, matched)) ? person : -3;
            }
        }

        if (matched >= -1)
        {
            return matched;
        }

        if (matched == -3 || !WriterOwnsABack())
        {
            return null;
        }

        if (writerAge is null && othersOnly && otherAged)
        {
            return -1;
        }

        var caseGender = facts.Sex switch
        {
            Sex.Female => PersonGender.Female,
            Sex.Male => PersonGender.Male,
            _ => PersonGender.Unknown,
        };
        var found = patient >= 0 ? _people.GenderOf(_tokens[patient].Text) : PersonGender.Unknown;
        return caseGender != PersonGender.Unknown && found != PersonGender.Unknown && found != caseGender ? -1 : null;
    }

    /// <summary>
    /// The ages the text gives, each with its person (-1 for the writer): "I'm 41", "Me, 45", "mum is 81",
    /// "Dad (66)", "my daughter Kerry (31)", "he's 72" (the person he stands for), "my 12 year old".
    /// </summary>
    private IEnumerable<(int Person, int Age)> AgesSaid()
    {
        for (var k = 0; k + 1 < _tokens.Length; k++)
        {
            var age = k + 1;
            if ((_tokens[age].Text is "(" or "," || _people.IsAgeLeadIn(_tokens[age].Text)) && age + 1 < _tokens.Length)
            {
                age++;
            }

            if (!_tokens[age].IsNumber || _tokens[age].Number is not (>= 1 and <= 110) || _tokens[age].Sentence != _tokens[k].Sentence
                || (age + 1 < _tokens.Length && (_tokens[age + 1].Text == "/" || _people.IsNotAnAgeAfter(_tokens[age + 1].Text)))
                || Hidden(k))
            {
                continue;
            }

            var word = _tokens[k].Text;
            var years = (int)_tokens[age].Number;
            if (_people.IsSelfAgeLeadIn(word) || _people.IsWriterWord(word))
            {
                yield return (-1, years);
            }
            else if (_people.IsPerson(word) && !_people.IsNeverPatient(word))
            {
                if (Someone(k))
                {
                    yield return (Person(k), years);
                }
            }
            else if (k > 0 && _tokens[k - 1].Sentence == _tokens[k].Sentence && !_tokens[k - 1].IsNumber && Someone(k - 1)
                && !_people.IsPronoun(_tokens[k - 1].Text) && !_people.IsNeverPatient(_tokens[k - 1].Text))
            {
                // "my daughter Kerry (31)": the age of the person the name stands beside.
                yield return (k - 1, years);
            }
        }

        for (var k = 0; k + 2 < _tokens.Length; k++)
        {
            var person = k + 2 < _tokens.Length && _tokens[k + 2].Text == "old" ? k + 3 : k + 2;
            if (NamesAChild(k) && person < _tokens.Length && _tokens[person].Sentence == _tokens[k].Sentence && Someone(person)
                && !_people.IsPronoun(_tokens[person].Text) && !_people.IsNeverPatient(_tokens[person].Text))
            {
                yield return (person, (int)_tokens[k].Number);
            }
        }
    }

    /// <summary>A person word that names someone in particular: "dad", "she", "my lad"; not "woman" or "boy" alone.</summary>
    private bool Someone(int token) =>
        _people.IsPerson(_tokens[token].Text)
        && (!_people.IsByKindOnly(_tokens[token].Text) || (token > 0 && _people.IsMyOrOur(_tokens[token - 1].Text)));

    /// <summary>
    /// True when the writer speaks of a back of their own: "my back", "my lower back", "mine went"; with
    /// <paramref name="offOthersLines"/>, not on a line another named speaker says ("Her: different to my usual back").
    /// </summary>
    private bool WriterOwnsABack(bool offOthersLines = false)
    {
        for (var k = 1; k < _tokens.Length; k++)
        {
            if (!IsABack(k) || (offOthersLines && SaidOnAnotherSpeakersLine(k)))
            {
                continue;
            }

            var j = k - 1;
            while (j > 0 && _people.IsBackModifier(_tokens[j].Text))
            {
                j--;
            }

            if (_people.IsMy(_tokens[j].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "She just told me, and I'm quoting her, 'I can't feel my bum when I sit on the loo'": inside a quotation
    /// whose speaker is the patient, "I" and "my" are the patient's, not the writer's.
    /// </summary>
    private void QuotePatient(List<PhraseMatch> cues, int patient, PersonGender patientGender)
    {
        // The tokens said by the patient, marked once, so that many quotations or pasted lines cost one pass over the cues.
        bool[]? spoken = null;
        var spans = Quotations().Where(span => SpokenByThePatient(span.Open, patient, patientGender))
            .Concat(PastedLinesOfThePatient(patient, patientGender));
        foreach (var (open, close) in spans)
        {
            spoken ??= new bool[_tokens.Length];
            for (var k = FirstTokenFrom(open + 1); k < _tokens.Length && _tokens[k].Start < close; k++)
            {
                spoken[k] = true;
            }
        }

        if (spoken is null)
        {
            return;
        }

        for (var c = 0; c < cues.Count; c++)
        {
            var cue = cues[c];
            if (spoken[cue.Start] && (NarrativeCue)cue.Payload == NarrativeCue.OtherPerson && SpeakerWord(cue))
            {
                cues[c] = cue with { Payload = (int)NarrativeCue.FirstPerson };
            }
        }
    }

    /// <summary>The index of the first token that starts at or after a character of the text, by binary search.</summary>
    private int FirstTokenFrom(int character)
    {
        int low = 0, high = _tokens.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_tokens[middle].Start < character)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The speaker's own word inside their quotation: "I", "I've", "me", or "my" when no person follows it ("my knees", not "my wife").</summary>
    private bool SpeakerWord(PhraseMatch cue)
    {
        var word = _tokens[cue.Start].Text;
        return _people.IsWriterWord(word) || _people.IsWriterSubject(word)
            || (_people.IsMy(word) && !(cue.End < _tokens.Length && _people.IsPerson(_tokens[cue.End].Text)));
    }

    /// <summary>True when a token stands inside a quotation (<see cref="Quotations"/>).</summary>
    private bool Quoted(int token)
    {
        if (_quoted is null)
        {
            _quoted = new bool[_tokens.Length];
            foreach (var (open, close) in Quotations())
            {
                for (var k = FirstTokenFrom(open + 1); k < _tokens.Length && _tokens[k].Start < close; k++)
                {
                    _quoted[k] = true;
                }
            }
        }

        return _quoted[token];
    }

    /// <summary>The character spans of quotations: a quote mark after a space or a colon that opens, and the next that closes.</summary>
    private IEnumerable<(int Open, int Close)> Quotations()
    {
        var open = -1;
        for (var i = 0; i < _text.Length; i++)
        {
            if (_text[i] is not ('\'' or '"' or '\u2018' or '\u2019' or '\u201C' or '\u201D'))
            {
                continue;
            }

            var before = i > 0 ? _text[i - 1] : ' ';
            var after = i + 1 < _text.Length ? _text[i + 1] : ' ';
            if (open < 0 && (char.IsWhiteSpace(before) || before is ':' or ',') && char.IsLetter(after))
            {
                open = i;
            }
            else if (open >= 0 && !char.IsLetter(after) && !char.IsWhiteSpace(before))
            {
                yield return (open, i);
                open = -1;
            }
        }
    }

    /// <summary>
    /// Messages pasted in, one a line: "[08:40] legs gone funny", "09:55 - Dad: my knees keep going", "Mum: can't feel
    /// my bum". A line that opens with a clock time and no speaker is the patient's own message (the writer
    /// forwards them); a line whose speaker is named ("Dad:", "Me:") is that speaker's. The span runs from after the
    /// time or the speaker to the end of the line.
    /// </summary>
    private IEnumerable<(int Open, int Close)> PastedLinesOfThePatient(int patient, PersonGender patientGender)
    {
        var onlyName = OnlyNamedSpeaker();
        foreach (var (start, end) in Lines())
        {
            var at = SkipClockTime(start, end, out var timed);
            var speaker = SpeakerLabel(at, end);
            if (speaker >= 0)
            {
                if (IsThePatient(speaker, patient)
                    || (_people.IsPronoun(_tokens[speaker].Text) && _people.GenderOf(_tokens[speaker].Text) == patientGender))
                {
                    yield return (_tokens[speaker].Start, end);
                }
            }
            else if (onlyName is not null && NamedSpeaker(at, end) is var named and >= 0 && _tokens[named].Text == onlyName)
            {
                yield return (_tokens[named].Start, end);
            }
            else if (timed && at > start && NamedSpeaker(at, end) < 0)
            {
                // "[08:40] legs gone funny": a forwarded message with no speaker named is the patient's own.
                yield return (at - 1, end);
            }
        }
    }

    /// <summary>
    /// In a pasted chat where the writer labels their own lines ("Me:") and one other speaker talks with them, the label
    /// of that speaker when they speak of themselves ("Him: backs killing me", "Jess: I havent actually had a wee") at
    /// least twice as often as the writer does ("Me: hows the back?", "Me: I'm coming home") and the writer speaks of no
    /// back of their own; -1 otherwise.
    /// </summary>
    private int OtherSpeakerTellsTheirOwn(List<PhraseMatch> cues)
    {
        if (!WriterLabelsLines())
        {
            return -1;
        }

        string? other = null;
        var first = -1;
        foreach (var (start, end) in Lines())
        {
            var at = SkipClockTime(start, end, out _);
            var label = SpeakerLabel(at, end);
            var speaker = label >= 0 ? label : NamedSpeaker(at, end);
            if (speaker < 0 || _people.IsWriterWord(_tokens[speaker].Text))
            {
                continue;
            }

            if (other is not null && _tokens[speaker].Text != other)
            {
                return -1;
            }

            (other, first) = (_tokens[speaker].Text, first < 0 ? speaker : first);
        }

        if (first < 0)
        {
            return -1;
        }

        int theirs = 0, writers = 0;
        foreach (var cue in cues)
        {
            if ((NarrativeCue)cue.Payload == NarrativeCue.FirstPerson && !_people.IsWriterObject(_tokens[cue.Start].Text) && !LabelsItsLine(cue.Start))
            {
                _ = SaidOnAnotherSpeakersLine(cue.Start) ? theirs++ : writers++;
            }
        }

        // The writer may say "I'm coming home"; the one in pain says "I" and "my" far more. A writer who speaks of their
        // own back ("Me: tweaked my back in the warm up") is the one in pain, whatever the other says of theirs.
        return theirs > 0 && (writers == 0 || (theirs >= 2 && theirs >= 2 * writers)) && !WriterOwnsABack(offOthersLines: true) ? first : -1;
    }

    /// <summary>True when some pasted line is labelled as the writer's own ("Me:"), found as other speakers' lines are marked.</summary>
    private bool WriterLabelsLines()
    {
        if (_tokens.Length > 0)
        {
            _ = SaidOnAnotherSpeakersLine(0);
        }

        return _writerLabelsLines;
    }

    // The most characters before a speaker's label on its line: a chat's date and time ("[3/12/24, 09:55] ").
    private const int LongestLabelLead = 24;

    /// <summary>True when the token is the speaker's label that opens its line ("Me: ...", "[07:12] Me: ...").</summary>
    private bool LabelsItsLine(int token)
    {
        // A label opens its line: only a clock time ("[07:12] ") may come before it, and only its colon matters after it.
        var at = _tokens[token].Start;
        var start = at;
        while (start > 0 && _text[start - 1] != '\n')
        {
            start--;
            if (at - start > LongestLabelLead)
            {
                return false;
            }
        }

        var end = _text.IndexOf('\n', at, Math.Min(_text.Length - at, LongestLabelLead));
        end = end < 0 ? Math.Min(_text.Length, at + LongestLabelLead) : end;
        return SpeakerLabel(SkipClockTime(start, end, out _), end) == token;
    }

    /// <summary>The text's lines, each as the characters from its start up to its line break or the text's end.</summary>
    private IEnumerable<(int Start, int End)> Lines()
    {
        for (var start = 0; start < _text.Length;)
        {
            var end = _text.IndexOf('\n', start);
            end = end < 0 ? _text.Length : end;
            yield return (start, end);
            start = end + 1;
        }
    }

    /// <summary>
    /// "Liam: mate my back is killing me", "Tasha: my left leg is just not working", pasted by someone writing for
    /// them: when the pasted lines have one speaker named by a name alone (besides "Me:" and the people words), that
    /// speaker is the one the text is about. With two or more names, the one the others talk about is: the only speaker
    /// also named outside the labels ("Ollie came off the scaffold" above "Jay: he can't get up" and "Ollie: my legs are
    /// tingling"); otherwise none is taken.
    /// </summary>
    private string? OnlyNamedSpeaker() => OnlyNamedSpeaker(out _);

    private string? OnlyNamedSpeaker(out bool amongOthers)
    {
        amongOthers = false;
        var names = new List<string>();
        var labels = new HashSet<int>();
        foreach (var (start, end) in Lines())
        {
            var at = SkipClockTime(start, end, out _);
            if (SpeakerLabel(at, end) < 0 && NamedSpeaker(at, end) is var named and >= 0)
            {
                labels.Add(named);
                if (!names.Contains(_tokens[named].Text))
                {
                    names.Add(_tokens[named].Text);
                }
            }
        }

        if (names.Count <= 1)
        {
            return names.Count == 1 && !SpeaksOfSomeoneNamed(names[0], labels) ? names[0] : null;
        }

        string? talkedAbout = null;
        var owns = false;
        for (var t = 0; t < _tokens.Length; t++)
        {
            var name = WithoutPossessive(_tokens[t].Text);
            if (!labels.Contains(t) && names.Contains(name))
            {
                if (talkedAbout is not null && name != talkedAbout)
                {
                    return null;
                }

                talkedAbout = name;
                owns |= Possessive(t);
            }
        }

        // Only a name the others speak of as someone's ("Karim's back"), not one they call to ("one glass of wine jess"),
        // says for certain whose lines are the patient's among several.
        amongOthers = owns;
        return talkedAbout;
    }

    /// <summary>A name without the "'s" a token may keep ("karim's" is "karim").</summary>
    private static string WithoutPossessive(string text) => text.EndsWith("'s", StringComparison.Ordinal) ? text[..^2] : text;

    /// <summary>
    /// True when the text speaks of someone else by name as someone's ("Kim: Darren's back went at 6"): the one named
    /// speaker is then telling of that person, not of themselves.
    /// </summary>
    private bool SpeaksOfSomeoneNamed(string speaker, HashSet<int> labels)
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            var start = _tokens[t].Start;
            if (labels.Contains(t) || !_tokens[t].IsWord || !char.IsUpper(_text[start]) || _people.IsPerson(_tokens[t].Text) || _people.IsWriterWord(_tokens[t].Text))
            {
                continue;
            }

            var name = WithoutPossessive(_tokens[t].Text);
            // A word of the language's vocabulary ("It's", "That's") is no name.
            if (name != speaker && _tokens[t].Id < 0 && name.All(char.IsLetter) && Possessive(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The token of a name alone that opens a line before a colon ("Liam:"), perhaps with the clock time of a chat after
    /// it ("Nadia 10:02:"), capitalised as names are, else -1.
    /// </summary>
    private int NamedSpeaker(int at, int end)
    {
        var colon = _text.IndexOf(':', at, Math.Min(end - at, 16));
        if (colon < 0)
        {
            return -1;
        }

        var first = FirstTokenFrom(at);
        if (first + 1 < _tokens.Length && _tokens[first + 1].Start < colon && _tokens[first + 1].IsNumber && ClockAt(_tokens[first + 1].Start, end) is { Length: > 0 } clock)
        {
            // "Nadia 10:02: ...": the label's colon is the one after the time.
            colon = _tokens[first + 1].Start + clock.Length - (clock[^1] == ':' ? 1 : 0);
            if (colon >= end || _text[colon] != ':')
            {
                return -1;
            }
        }

        if (first + 1 >= _tokens.Length || _tokens[first].Start >= colon || (_tokens[first + 1].Start < colon && !_tokens[first + 1].IsNumber))
        {
            return -1;
        }

        var word = _tokens[first].Text;
        var original = _text[_tokens[first].Start];
        return char.IsUpper(original) && word.All(char.IsLetter) && !_people.IsPerson(word) && !_people.IsWriterWord(word) ? first : -1;
    }

    /// <summary>Past a clock time that opens a line ("[07:12]", "07:12 -", "[3/12, 09:55]"); the line's start otherwise.</summary>
    private int SkipClockTime(int start, int end, out bool timed)
    {
        var i = start;
        while (i < end && char.IsWhiteSpace(_text[i]))
        {
            i++;
        }

        var bracket = i < end && _text[i] == '[';
        var j = bracket ? _text.IndexOf(']', i, Math.Min(end - i, 24)) : i;
        var stamp = bracket ? (j < 0 ? string.Empty : _text[(i + 1)..j]) : ClockAt(i, end);
        timed = stamp.Contains(':') && stamp.Any(char.IsDigit) && stamp.All(c => char.IsDigit(c) || c is ':' or '/' or '.' or ',' or ' ' or '-'
            || char.IsLetter(c) && "apmAPM".Contains(c));
        if (!timed)
        {
            return start;
        }

        var after = bracket ? j + 1 : i + stamp.Length;
        while (after < end && (char.IsWhiteSpace(_text[after]) || _text[after] is '-' or '\u2013'))
        {
            after++;
        }

        return after;
    }

    /// <summary>"07:12" or "9:55" at i, else empty.</summary>
    private string ClockAt(int i, int end)
    {
        var j = i;
        while (j < end && (char.IsDigit(_text[j]) || _text[j] == ':') && j - i < 5)
        {
            j++;
        }

        return j - i >= 4 && _text.IndexOf(':', i, j - i) > i ? _text[i..j] : string.Empty;
    }

    /// <summary>The token of a speaker named at a line's start and followed by a colon ("Dad:", "my wife:"), else -1.</summary>
    private int SpeakerLabel(int at, int end)
    {
        var colon = _text.IndexOf(':', at, Math.Min(end - at, 16));
        if (colon < 0)
        {
            return -1;
        }

        var speaker = -1;
        for (var k = FirstTokenFrom(at); k < _tokens.Length && _tokens[k].Start < colon; k++)
        {
            if (_people.IsPerson(_tokens[k].Text) || _people.IsWriterWord(_tokens[k].Text))
            {
                speaker = k;
            }
        }

        return speaker;
    }

    /// <summary>
    /// True when the person named last before a quotation, within reach, is the patient; also when no one is named
    /// there, not even the writer ('PC: "my back's been aching ..."' in a nurse's record of the patient's call).
    /// </summary>
    private bool SpokenByThePatient(int open, int patient, PersonGender patientGender)
    {
        var first = FirstTokenFrom(open);
        for (var k = first - 1; k >= 0 && first - k <= SpeakerReach; k--)
        {
            var word = _tokens[k].Text;
            if (_people.IsWriterSubject(word))
            {
                // 'I told the GP "..."': the writer's own words.
                return false;
            }

            if (!_people.IsPerson(word) || _people.IsNeverPatient(word))
            {
                continue;
            }

            return patient >= 0 && (IsThePatient(k, patient) || (_people.IsPronoun(word) && _people.GenderOf(word) == patientGender));
        }

        return patient >= 0;
    }

    /// <summary>
    /// "bent down to pick up my sons lego and back went", "lifting my nephew": someone the writer acted on is not
    /// who the rest of the clause is about, so their word claims nothing said after it; someone described ("lifting
    /// my mum, who can't walk") still does.
    /// </summary>
    private void ForgetPeopleActedOn(List<PhraseMatch> cues)
    {
        cues.RemoveAll(cue => (NarrativeCue)cue.Payload == NarrativeCue.OtherPerson && cue.End - cue.Start == 1
            && _people.IsPerson(_tokens[cue.Start].Text) && !_people.IsPronoun(_tokens[cue.Start].Text)
            && !_people.IsNeverPatient(_tokens[cue.Start].Text) && ActedOn(cue.Start) && !Described(cue.End));
    }

    /// <summary>True when a person word follows a verb of doing something to someone ("lifting my nephew", "pick up the baby").</summary>
    private bool ActedOn(int person)
    {
        var k = person - 1;
        while (k >= 0 && _tokens[k].Clause == _tokens[person].Clause && (_people.IsPersonDeterminer(_tokens[k].Text) || _people.IsPossessive(_tokens[k].Text)))
        {
            k--;
        }

        foreach (var verb in _people.ActingOnSomeone)
        {
            var first = k - verb.Length + 1;
            if (first >= 0 && _tokens[first].Clause == _tokens[person].Clause && TextOrder.Spells(_tokens, first, verb))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a relative word follows a person ("my mum who", "my brother, whose").</summary>
    private bool Described(int after)
    {
        for (var k = after; k < _tokens.Length && k <= after + 1; k++)
        {
            if (_people.IsRelativeWord(_tokens[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsPatient(PhraseMatch cue, NarrativeCue kind, int patient, PersonGender patientGender)
    {
        var word = _tokens[cue.Start].Text;
        if (cue.End - cue.Start > 1 || _people.IsNeverPatient(word))
        {
            return false;
        }

        if (kind == NarrativeCue.FirstPerson)
        {
            // "my" of "my mum" belongs to the person it names; any other "I" or "my" is the writer's.
            var next = cue.End < _tokens.Length ? _tokens[cue.End].Text : string.Empty;
            if (_people.IsMy(word) && NamesAChild(cue.End))
            {
                // "my 12 year old has a temperature": the child written about.
                return true;
            }

            return _people.IsMy(word) && _people.IsPerson(next) && !_people.IsPronoun(next) && IsThePatient(cue.End, patient);
        }

        if (!_people.IsPronoun(word))
        {
            // "her sister had bone cancer": someone's relative is not the patient, even when "her" is the patient.
            return !(cue.Start > 0 && _people.IsPossessive(_tokens[cue.Start - 1].Text)) && IsThePatient(cue.Start, patient);
        }

        var gender = _people.GenderOf(word);
        var antecedent = Antecedent(cue.Start, gender);
        if (antecedent >= 0)
        {
            return IsThePatient(antecedent, patient);
        }

        return patientGender == PersonGender.Unknown || gender == patientGender;
    }

    private bool IsThePatient(int token, int patient)
    {
        if (patient < 0)
        {
            return !_people.IsNeverPatient(_tokens[token].Text);
        }

        (token, patient) = (Named(token), Named(patient));

        var named = _tokens[patient].Text;
        var gender = _people.GenderOf(_tokens[token].Text);
        return token == patient || _people.Same(_tokens[token].Text, named)
            || (_people.IsPronoun(named) && (gender == _people.GenderOf(named) || gender == PersonGender.Unknown));
    }

    /// <summary>
    /// "my wife Anne", "my wife, Anne,": a person word just after another (a comma between at most) names the same
    /// person, so the first one stands for both. Anne is a name here, though it is also Turkish for mother.
    /// </summary>
    private int Named(int token)
    {
        while (token >= 0 && _people.IsPerson(_tokens[token].Text) && !_people.IsPronoun(_tokens[token].Text))
        {
            var before = token - 1;
            if (before >= 0 && _tokens[before].Text == "," && _tokens[before].Sentence == _tokens[token].Sentence)
            {
                before--;
            }

            // "my sister's boy" is another person: the word before names whose he is.
            var word = _tokens[before < 0 ? 0 : before].Text;
            if (before < 0 || _tokens[before].Sentence != _tokens[token].Sentence || !_people.IsPerson(word) || _people.IsPronoun(word)
                || _people.IsPossessive(word) || Possessive(before))
            {
                break;
            }

            token = before;
        }

        return token;
    }

    /// <summary>True when the token was written with a possessive ending ("sister's", "parents'").</summary>
    private bool Possessive(int token)
    {
        var written = _text.AsSpan(_tokens[token].Start, Math.Min(_tokens[token].End + 2, _text.Length) - _tokens[token].Start);
        return written.IndexOfAny('\'', '\u2019') >= 0;
    }

    /// <summary>A word inside a pseudo-cue ("BP patient", "cancer de mama"), which names no one.</summary>
    private bool Hidden(int token) => _inPseudo?[token] == true;

    /// <summary>A word of the back that means one: not the "back" of "please call me back", "ring him back".</summary>
    private bool IsABack(int token) =>
        _people.IsBackWord(_tokens[token].Text) && !(token >= 2 && _people.IsBackAdverbVerb(_tokens[token - 2].Text));

    /// <summary>
    /// "[19:40] Me: tweaked my back", "[19:42] Craig: same happened to me before my op, both legs went numb": when the
    /// writer labels their own lines "Me:", another speaker's "I" and "my" are that speaker's, with their own symptoms.
    /// Without a "Me:" line a named speaker may be the writer ("Kai: came off the bike", sent by Kai), so nothing changes.
    /// </summary>
    private void OtherSpeakersSpeakForThemselves(List<PhraseMatch> cues)
    {
        for (var c = 0; c < cues.Count; c++)
        {
            var cue = cues[c];
            if ((NarrativeCue)cue.Payload == NarrativeCue.FirstPerson && SaidOnAnotherSpeakersLine(cue.Start)
                && (_writerLabelsLines || (!SaidOnThePatientsLine(cue.Start) && _patientSpeaksAmongOthers)))
            {
                cues[c] = cue with { Payload = (int)NarrativeCue.OtherPerson };
            }
        }
    }

    /// <summary>
    /// True when the token is on a pasted line whose speaker is named and is not the writer ("Pearl: I'm fine", "Dad:
    /// my knees keep going"; not "Me: my back's gone").
    /// </summary>
    private bool SaidOnAnotherSpeakersLine(int token)
    {
        _onOthersLines ??= MarkLines((at, end) =>
        {
            at = SkipClockTime(at, end, out _);
            var label = SpeakerLabel(at, end);
            var writers = label >= 0 && _people.IsWriterWord(_tokens[label].Text);
            _writerLabelsLines |= writers;
            var speaker = label >= 0 ? (writers ? -1 : label) : NamedSpeaker(at, end);
            return speaker >= 0 ? speaker + 1 : -1;
        });
        return _onOthersLines[token];
    }

    /// <summary>
    /// True when several named people speak on pasted lines, the others talk about one of them (the patient, <see
    /// cref="OnlyNamedSpeaker()"/>), and the token is on one of that person's lines ("Karim: its 9/10" beside "Nadia:
    /// Karim's back is still terrible" and "Uncle Sami: when I had my back I couldn't feel my legs").
    /// </summary>
    private bool SaidOnThePatientsLine(int token)
    {
        if (_onPatientsLines is null)
        {
            var patientName = OnlyNamedSpeaker(out var amongOthers);
            _patientSpeaksAmongOthers = amongOthers && patientName is not null;
            _onPatientsLines = MarkLines((at, end) =>
            {
                at = SkipClockTime(at, end, out _);
                return _patientSpeaksAmongOthers && SpeakerLabel(at, end) < 0 && NamedSpeaker(at, end) is var named and >= 0
                    && _tokens[named].Text == patientName ? named + 1 : -1;
            });
        }

        return _onPatientsLines[token];
    }

    /// <summary>
    /// True when the token is on a line an email quotes from the message it answers ("> Please get it looked at",
    /// ">> Remember Nana's started like that"): the other person's words, not the writer's.
    /// </summary>
    private bool InQuotedReply(int token)
    {
        _inReply ??= MarkLines((at, end) =>
        {
            while (at < end && _text[at] is ' ' or '\t')
            {
                at++;
            }

            return at < end && _text[at] == '>' ? FirstTokenFrom(at) : -1;
        });
        return _inReply[token];
    }

    /// <summary>
    /// Marks, line by line, the tokens from the one <paramref name="firstMarked"/> gives for the line (its start and end
    /// in characters) to the line's end; -1 marks none of the line. One walk over the text.
    /// </summary>
    private bool[] MarkLines(Func<int, int, int> firstMarked)
    {
        var marks = new bool[_tokens.Length];
        foreach (var (start, end) in Lines())
        {
            var first = firstMarked(start, end);
            for (var k = first; first >= 0 && k < _tokens.Length && _tokens[k].Start < end; k++)
            {
                marks[k] = true;
            }
        }

        return marks;
    }

    /// <summary>"My father, 68, BP patient, he says...": "patient" in "BP patient" is what he is, not someone else.</summary>
    private void MarkPseudoCues(List<PhraseMatch> cues)
    {
        foreach (var cue in cues)
        {
            if ((NarrativeCue)cue.Payload != NarrativeCue.Pseudo)
            {
                continue;
            }

            _inPseudo ??= new bool[_tokens.Length];
            for (var k = cue.Start; k < cue.End; k++)
            {
                _inPseudo[k] = true;
            }
        }
    }

    /// <summary>The last person named before a pronoun in its sentence whose gender fits, or -1.</summary>
    private int Antecedent(int pronoun, PersonGender gender, bool wholeText = false)
    {
        var sentence = _tokens[pronoun].Sentence;
        for (var k = pronoun - 1; k >= 0 && (wholeText || (pronoun - k <= AntecedentReach && _tokens[k].Sentence == sentence)); k--)
        {
            var word = _tokens[k].Text;
            if (!_people.IsPerson(word) || _people.IsPronoun(word) || _people.IsNeverPatient(word) || Hidden(k))
            {
                continue;
            }

            var named = _people.GenderOf(word);
            if ((named == PersonGender.Unknown || named == gender) && !ActedOnByThePronoun(k, gender))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// "She strained her back lifting our toddler and now she's got pins and needles": someone acted on after the same
    /// pronoun opened the sentence is not whom the pronoun after them means; the pronoun goes on meaning its subject.
    /// </summary>
    private bool ActedOnByThePronoun(int person, PersonGender gender)
    {
        if (!ActedOn(person) || Described(person + 1))
        {
            return false;
        }

        var sentence = _tokens[person].Sentence;
        for (var k = person - 1; k >= 0 && _tokens[k].Sentence == sentence; k--)
        {
            if (_people.IsPronoun(_tokens[k].Text) && _people.GenderOf(_tokens[k].Text) == gender && gender != PersonGender.Unknown)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The word that names the patient when someone else writes: the person after "writing for" or "on
    /// behalf of", else the owner of the first back named ("mum's back", "his back"), else the first person
    /// named; -1 when none.
    /// </summary>
    /// <summary>True when a pronoun of someone else stands outside quotation marks and pseudo-cues.</summary>
    private bool SaysHisOrHerOfSomeone(List<PhraseMatch> cues) =>
        cues.Exists(cue => (NarrativeCue)cue.Payload == NarrativeCue.OtherPerson && _people.IsPronoun(_tokens[cue.Start].Text)
            && !Hidden(cue.Start) && !Quoted(cue.Start) && !InQuotedReply(cue.Start));

    /// <summary>"wife of pt", "daughter of Mrs Lee": a person named as someone else's relative, like "her sister".</summary>
    private bool OfSomeone(int token) =>
        token + 2 < _tokens.Length && _tokens[token + 1].Text == "of" && _people.IsPerson(_tokens[token + 2].Text)
        && _tokens[token + 2].Sentence == _tokens[token].Sentence;

    /// <summary>
    /// True when the first person word that may be the patient comes before the token and is plainly not the one a
    /// pronoun of this gender stands for ("my dad ... carrying for her"; not "Mrs K ... prednisolone for her rheumatoid").
    /// </summary>
    private bool SomeoneElseNamedBefore(int token, PersonGender gender)
    {
        if (!SomeoneNamedBefore(token))
        {
            return false;
        }

        var named = _people.GenderOf(_tokens[_firstNamed!.Value].Text);
        return named != PersonGender.Unknown && gender != PersonGender.Unknown && named != gender;
    }

    /// <summary>True when a person word that may be the patient comes before the token.</summary>
    private bool SomeoneNamedBefore(int token)
    {
        if (_firstNamed is null)
        {
            _firstNamed = _tokens.Length;
            for (var k = 0; k < _tokens.Length; k++)
            {
                var word = _tokens[k].Text;
                if (_people.IsPerson(word) && !_people.IsPronoun(word) && !_people.IsNeverPatient(word))
                {
                    _firstNamed = k;
                    break;
                }
            }
        }

        return _firstNamed < token;
    }

    private int FindPatient(out int introduced)
    {
        introduced = -1;
        var found = new List<PhraseMatch>(2);
        _people.CarerIntro.FindAll(_tokens, found);
        foreach (var intro in found)
        {
            // "Asking for a friend lol" is the writer asking for themselves.
            if (intro.Payload == PeopleWords.NotAnIntro || found.Exists(idiom => idiom.Payload == PeopleWords.NotAnIntro
                    && idiom.Start <= intro.Start && intro.Start < idiom.End))
            {
                continue;
            }

            // "I'm her husband", "on his behalf": the pronoun of the introduction is the patient. A hint ending in one
            // ("for her") says so only before anyone else is named: "my dad ... he's been doing all the lifting and
            // carrying for her" names who he helps, not whom the text is for.
            var introPronoun = _tokens[intro.End - 1].Text;
            if (_people.IsPronoun(introPronoun) && !(intro.Payload == 0 && SomeoneElseNamedBefore(intro.Start, _people.GenderOf(introPronoun))))
            {
                introduced = intro.Payload;
                return intro.End - 1;
            }

            for (var k = intro.End; k < _tokens.Length && k < intro.End + IntroReach; k++)
            {
                var word = _tokens[k].Text;
                if (_people.IsWriterWord(word))
                {
                    break;
                }

                if (_people.IsPerson(word) && !_people.IsNeverPatient(word))
                {
                    introduced = intro.Payload;
                    return k;
                }
            }
        }

        var owner = BackOwner();
        if (owner >= 0 && !_people.IsMy(_tokens[owner].Text))
        {
            return owner;
        }

        var pronoun = -1;
        for (var k = 0; k < _tokens.Length; k++)
        {
            var word = _tokens[k].Text;
            if (_people.IsPerson(word) && !_people.IsPronoun(word) && !_people.IsNeverPatient(word) && !Hidden(k)
                && !(k > 0 && _people.IsPossessive(_tokens[k - 1].Text)) && !OfSomeone(k)
                && !(k + 1 < _tokens.Length && _people.IsMessengerVerb(_tokens[k + 1].Text)))
            {
                // "Her sister had breast cancer. Mum herself ...": the patient's relatives are not the patient.
                return k;
            }

            if (pronoun < 0 && _people.IsPronoun(word))
            {
                pronoun = k;
            }
        }

        return pronoun;
    }

    /// <summary>The word that says whose back it is at its first mention ("my", "her", "dad" of "dad's back"), or -1.</summary>
    private int BackOwner()
    {
        if (_backOwner is { } known)
        {
            return known;
        }

        _backOwner = FindBackOwner();
        return _backOwner.Value;
    }

    private int FindBackOwner()
    {
        for (var k = 1; k < _tokens.Length; k++)
        {
            if (!IsABack(k) || InQuotedReply(k))
            {
                continue;
            }

            for (var j = k - 1; j >= 0 && k - j <= 3 && _tokens[j].Sentence == _tokens[k].Sentence; j--)
            {
                var word = _tokens[j].Text;
                if (_people.IsMy(word) || (_people.IsPerson(word) && !_people.IsNeverPatient(word) && !_people.IsNotBackOwner(word) && !Hidden(j)))
                {
                    return j;
                }

                if (!_people.IsBackModifier(word))
                {
                    break;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// Whose words these are. The person the text says it is written for decides; else each clause votes for
    /// its subject, the first person it names ("I", "my back" for the writer; "she", "dad", "his legs" for
    /// someone else; "my wife says I..." is still the writer), with the owner of the back counting twice.
    /// </summary>
    private NarrativeWriter Infer(List<PhraseMatch> cues, int patient, int introduced)
    {
        if (introduced == 1)
        {
            return NarrativeWriter.Other;
        }

        int self = 0, others = introduced == 0 ? 2 : 0;
        if (OpensWithSomeoneElse())
        {
            // "Dad 66, back pain 2 days", "My sister, who is 32, has ...": the text starts with the person it is about.
            others += 2;
        }

        // "I'm 41" says who the patient is more plainly than anything; "he's 67", "Mum (66)" the same of someone else.
        var ageOfOther = false;
        foreach (var (person, _) in AgesSaid())
        {
            if (person < 0)
            {
                self += 3;
            }
            else
            {
                others += 2;
                ageOfOther = true;
            }
        }

        // Whoever has the back pain in the clause that first names it.
        var backSubject = BackSubject(cues);
        _ = backSubject switch
        {
            NarrativeWriter.Self => self += 3,
            NarrativeWriter.Other => others += 3,
            _ => 0,
        };

        var clause = -1;
        var clausesOfOthers = 0;
        foreach (var cue in cues)
        {
            var kind = (NarrativeCue)cue.Payload;
            if (kind is not (NarrativeCue.FirstPerson or NarrativeCue.OtherPerson) || _tokens[cue.Start].Clause == clause)
            {
                continue;
            }

            if (Hidden(cue.Start) || InQuotedReply(cue.Start))
            {
                // "pls what do i do": the writer asking what to do says nothing of whose pain it is; nor does the
                // email the writer answers ("> Are you still getting the back pain love?").
                continue;
            }

            var word = _tokens[cue.Start].Text;
            var next = cue.End < _tokens.Length && _tokens[cue.End].Clause == _tokens[cue.Start].Clause ? _tokens[cue.End].Text : string.Empty;
            if (_people.IsMyOrOur(word) && _people.IsPerson(next))
            {
                // "my mum ...": the clause is about mum; look at that word instead.
                continue;
            }

            if (kind == NarrativeCue.OtherPerson
                && (!_people.IsPerson(word) || _people.IsNeverPatient(word) || ReportsTheWriter(cue.End) || !IsSubject(cue.Start)))
            {
                // "lifting my nephew", "a friend's sofa": someone the writer acted on says nothing of whose pain it is.
                continue;
            }

            if (kind == NarrativeCue.FirstPerson && _people.IsWriterObject(word))
            {
                // "She told me her legs ...": the writer as the one spoken to says nothing of whose pain it is.
                continue;
            }

            if (kind == NarrativeCue.FirstPerson && SaidOnAnotherSpeakersLine(cue.Start))
            {
                // "Pearl: I'm fine stop fussing", "Dad: my knees keep going": that speaker's "I", not the writer's.
                continue;
            }

            if (kind == NarrativeCue.FirstPerson && Quoted(cue.Start))
            {
                // 'Pt states "I think it's gone numb"': an "I" in quotation marks is the speaker's, not the writer's.
                continue;
            }

            clause = _tokens[cue.Start].Clause;
            _ = kind == NarrativeCue.FirstPerson ? self++ : others++;
            clausesOfOthers += kind == NarrativeCue.OtherPerson ? 1 : 0;
        }

        // A note with no "I" of the writer's at all that says "his" or "her" of someone ("Man, says 66 ... while sitting
        // in his car"): a pharmacist's or receptionist's note about the patient.
        if (self == 0 && others == 0 && patient >= 0 && backSubject is not NarrativeWriter.Self && SaysHisOrHerOfSomeone(cues))
        {
            return NarrativeWriter.Other;
        }

        // Someone else has to be named more often than the writer, and as the one with the pain, or with an
        // age, or again and again: "My brother injects drugs." alone is the writer's family history.
        var plainlySomeoneElse = backSubject == NarrativeWriter.Other || ageOfOther || introduced == 0 || others >= 5
            || (self == 0 && others >= 1 && backSubject is not NarrativeWriter.Self);
        return patient >= 0 && others > self && plainlySomeoneElse ? NarrativeWriter.Other : NarrativeWriter.Self;
    }

    /// <summary>The person of the clause that first names the back or its pain, or null when that clause names no one.</summary>
    private NarrativeWriter? BackSubject(List<PhraseMatch> cues)
    {
        var mention = -1;
        for (var k = 0; k < _tokens.Length && mention < 0; k++)
        {
            if (IsABack(k) && !InQuotedReply(k))
            {
                mention = k;
            }
        }

        if (mention < 0)
        {
            return null;
        }

        var owner = BackOwner();
        if (owner >= 0)
        {
            return _people.IsMy(_tokens[owner].Text) ? NarrativeWriter.Self : NarrativeWriter.Other;
        }

        // The last person named before the back in its clause: "my wife says I have back pain" is the writer's.
        var clause = _tokens[mention].Clause;
        for (var c = cues.Count - 1; c >= 0; c--)
        {
            var cue = cues[c];
            if (cue.Start > mention || _tokens[cue.Start].Clause != clause)
            {
                continue;
            }

            var word = _tokens[cue.Start].Text;
            var next = cue.End < _tokens.Length ? _tokens[cue.End].Text : string.Empty;
            if (_people.IsMyOrOur(word) && _people.IsPerson(next))
            {
                continue;
            }

            if ((NarrativeCue)cue.Payload == NarrativeCue.FirstPerson)
            {
                return NarrativeWriter.Self;
            }

            if (_people.IsPerson(word) && !_people.IsNeverPatient(word) && !Hidden(cue.Start) && !ReportsTheWriter(cue.End) && IsSubject(cue.Start))
            {
                return NarrativeWriter.Other;
            }
        }

        return null;
    }

    private bool OpensWithSomeoneElse()
    {
        var k = _tokens.Length > 1 && _people.IsMyOrOur(_tokens[0].Text) ? 1 : 0;
        var word = _tokens[k].Text;
        return _people.IsPerson(word) && !_people.IsPronoun(word) && !_people.IsNeverPatient(word) && !ReportsTheWriter(k + 1);
    }

    /// <summary>
    /// True when a person word stands where a clause's subject does: first in its clause (after "my", "our",
    /// "the", or a heading such as "Phone message:"), a subject pronoun ("he", "she"), or followed by an age ("Dad 66", "my wife, 41").
    /// </summary>
    private bool IsSubject(int token)
    {
        var word = _tokens[token].Text;
        if (_people.IsSubjectPronoun(word))
        {
            return true;
        }

        var next = token + 1 < _tokens.Length ? _tokens[token + 1] : default;
        if (next.Text is "(" or "," && token + 2 < _tokens.Length)
        {
            next = _tokens[token + 2];
        }

        if (next.IsNumber && next.Sentence == _tokens[token].Sentence)
        {
            return true;
        }

        var first = token;
        while (first > 0 && _tokens[first - 1].Clause == _tokens[token].Clause && _people.IsPersonDeterminer(_tokens[first - 1].Text))
        {
            first--;
        }

        return first == 0 || _tokens[first - 1].Clause != _tokens[token].Clause || _tokens[first - 1].Text is "(" or ";" or ":";
    }

    /// <summary>"12 year old", "8yo" after "my": a child named by their age.</summary>
    private bool NamesAChild(int at) =>
        at + 1 < _tokens.Length && _tokens[at].IsNumber && _people.IsChildAgeWord(_tokens[at + 1].Text);

    /// <summary>"my wife says I ...", "mum thinks I ...": someone else speaking about the writer.</summary>
    private bool ReportsTheWriter(int after)
    {
        for (var k = after; k < _tokens.Length && k < after + 4 && _tokens[k].Clause == _tokens[after - 1].Clause; k++)
        {
            if (_people.IsWriterSubject(_tokens[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    private PersonGender MostUsedPronounGender()
    {
        int female = 0, male = 0;
        foreach (var token in _tokens)
        {
            if (_people.IsPronoun(token.Text))
            {
                _ = _people.GenderOf(token.Text) == PersonGender.Female ? female++ : male++;
            }
        }

        return female == male ? PersonGender.Unknown : female > male ? PersonGender.Female : PersonGender.Male;
    }
}
