/**
 * understanding-check: restates the other's point for confirmation ("So you want X, right?") or
 * checks that the listener follows ("Does that make sense?"). A summary with no check is not one.
 */
import { actTester } from '../../helpers/act-tester.js';

actTester.run('understanding-check', {
  invalid: [
    // A check that the listener follows needs no turn before it.
    { text: 'Does that make sense?', rule: 'understanding-check/does-that-make-sense' },
    { text: 'You said the job fails only on Mondays?', prev: 'The job fails on Mondays, I think.', rule: 'understanding-check/you-said' },
    // DESIGN's examples.
    { text: 'Just to confirm, you need it in UTC?', prev: 'I need the timestamps converted before the meeting.', rule: 'understanding-check/just-to-confirm' },
    { text: 'If I understand correctly, the job fails only on Mondays?', prev: 'The nightly job fails but only on Mondays.', rule: 'understanding-check/if-i-understand' },
    { text: 'Does that make sense?', prev: 'Why does my function call itself forever?', rule: 'understanding-check/does-that-make-sense' },
    // Restatements put up for confirmation.
    { text: 'So you want the report sent every Monday?', prev: 'I want the report sent out every Monday morning.', rule: 'understanding-check/so-you' },
    { text: 'You already tried restarting the router, right?', prev: 'I tried restarting the router twice already.', rule: 'understanding-check/tag-check' },
    { text: "Correct me if I'm wrong, but the job only fails on Mondays?", prev: 'The nightly job fails only on Mondays.', rule: 'understanding-check/if-i-understand' },
    { text: 'So the job fails only on Mondays?', prev: 'The nightly job fails only on Mondays.', rule: 'understanding-check/restatement-question' },
    { text: "You're still on version 2?", prev: 'I tried the old config.', rule: 'understanding-check/you-declarative' },
    { text: "You're saying the cache goes stale after each deploy?", prev: 'So basically the cache is stale after every deploy.', rule: 'understanding-check/so-you' },
    { text: 'Sorry, so I pick the second tab and then save?', prev: 'First you open the panel, then pick the second tab, then save.', role: 'user', rule: 'understanding-check/restatement-question' },
    {
      text: 'Let me make sure I understand: a blue logo with the name inside. Is that right?',
      prev: 'I need a blue logo with the company name in it.',
      rule: 'understanding-check/is-that-what',
      sentence: 1,
    },
    // Checks that the listener follows.
    { text: 'A list keeps order and a set does not. Is that clear?', prev: 'Explain the difference.', rule: 'understanding-check/does-that-make-sense', sentence: 1 },
    { text: 'Are you following so far?', prev: 'Go on with the derivation.', rule: 'understanding-check/does-that-make-sense' },
    // Speech style: echoes and trailing checks.
    { text: 'Wordpad?', prev: 'We stored all of them in wordpad.', rule: 'understanding-check/echo' },
    { text: 'Mm, you mean the fields flood every spring?', prev: "it's like when the uh the river floods and the fields flood too you know", rule: 'understanding-check/you-declarative' },
    { text: 'Okay, you know what I mean?', prev: 'You can run it with the flag and it will skip the checks.', role: 'user', rule: 'understanding-check/does-that-make-sense' },
  ],
  valid: [
    // A turn that opens the conversation has no point of the other's to restate.
    { text: 'So you want the report sent every Monday?' },
    // "You said …" as a statement points at the other's words, to ask about them or correct them.
    { text: 'You said the storage period is six months. Can you explain why?', prev: 'The stable storage period lasts six months.', role: 'user' },
    { text: 'you said the 4th section will be about technology', prev: 'Section 4 covers the market. Section 5 covers the technology.', role: 'user' },
    // Summaries with no check (MRDA bs).
    { text: 'In short, a list keeps order and a set does not.', prev: 'Explain the difference between a list and a set.' },
    { text: 'To summarize, the team agreed to ship on Friday.', prev: 'Summarize the meeting.' },
    { text: 'So you can run it from the command line.', prev: 'Where do I run it?' },
    // Look-alikes that check nothing.
    { text: 'To confirm the upgrade worked, run the version command.', prev: 'How do I upgrade it?' },
    { text: 'If I understand the docs, this is not supported.', prev: 'Is the feature available?' },
    { text: 'This is what you need to install.', prev: 'What should I install?' },
    { text: 'It makes sense to restart the server first.', prev: 'Is restarting a good idea?' },
    { text: 'Right?', prev: 'I need help with the report.' },
    { text: 'It crashes at startup?', prev: 'The nightly job fails only on Mondays.' },
    { text: 'Notepad?', prev: 'We stored all of them in wordpad.' },
    // An offer asks about a next step.
    { text: 'Would you like me to explain that again?', prev: 'Can you explain that again?' },
    // Not the speaker's own voice.
    { text: 'Write `does that make sense?` in the alert.', prev: 'What should the alert say?' },
    { text: 'Teacher: Does that make sense?', prev: 'Write a dialogue between a teacher and a student.' },
    { text: '> So you want it in UTC, right?', prev: 'I need the timestamps in UTC.' },
    { text: 'She asked "does that make sense?" twice.', prev: 'What did the teacher say?' },
    { text: 'Ask them:\n~~~\nJust to confirm, you need it in UTC?\n~~~', prev: 'What should I ask the client?' },
  ],
});
