/**
 * acknowledgement: explicitly signals that the prior turn was received or understood, including
 * empathic acknowledgement. Agreement, praise, apology and answer openers are not.
 */
import { actTester } from '../../helpers/act-tester.js';

actTester.run('acknowledgement', {
  invalid: [
    // DESIGN's examples.
    { text: 'I see.', prev: 'The service only fails when the cache is cold.', rule: 'acknowledgement/i-see' },
    { text: 'Got it.', prev: 'The file has to be under 2 MB or the upload fails.', rule: 'acknowledgement/understood' },
    { text: 'Understood.', prev: 'Please keep the answer under 100 words.', rule: 'acknowledgement/understood' },
    { text: 'That makes sense.', prev: 'I moved the meeting because half the team is travelling.', rule: 'acknowledgement/understood' },
    { text: 'Uh-huh.', prev: 'So first you unplug it and then you wait thirty seconds', role: 'user', rule: 'acknowledgement/backchannel' },
    { text: 'I understand how frustrating that is.', prev: "I've been debugging this for three days and nothing works.", rule: 'acknowledgement/empathy' },
    // Receipts that open a reply.
    { text: 'Oh, I see. Then we need to parse them first.', prev: 'The API returns dates as strings, not numbers.', rule: 'acknowledgement/i-see', sentence: 0 },
    { text: 'Got it, thanks.', prev: 'The build must run on Node 18.', rule: 'acknowledgement/understood' },
    { text: 'Noted, two spaces it is.', prev: "I don't want tabs, I want two spaces.", rule: 'acknowledgement/understood' },
    { text: "I see what you're saying.", prev: 'The build uses Gradle, not Maven.', rule: 'acknowledgement/understood' },
    { text: 'Thanks for clarifying. On Windows the path is different.', prev: "I'm on Windows 11, not macOS.", rule: 'acknowledgement/thanks-for-telling', sentence: 0 },
    { text: 'Hmm, I see. What model is it?', prev: "I can't get the printer to work.", rule: 'acknowledgement/i-see', sentence: 0 },
    // Empathic acknowledgement.
    { text: "I'm so sorry to hear that.", prev: 'My dog passed away last week.', rule: 'acknowledgement/empathy' },
    { text: 'That sounds really stressful.', prev: 'I keep failing the exam no matter how much I study.', rule: 'acknowledgement/empathy' },
    { text: "It sounds like you're feeling overwhelmed right now.", prev: "I lost my job and I'm scared about rent.", rule: 'acknowledgement/empathy' },
    { text: 'That must have been exhausting.', prev: "I've been caring for my mother alone for two years.", rule: 'acknowledgement/empathy' },
    // Speech style: continuers and receipts after a statement.
    { text: 'Mhm.', prev: 'we uh we moved the servers last spring', role: 'user', rule: 'acknowledgement/backchannel' },
    { text: 'Right.', prev: 'and then after that I just uh I stopped going', role: 'user', rule: 'acknowledgement/receipt' },
    { text: 'oh okay', prev: 'so the kids were home all week', role: 'user', rule: 'acknowledgement/receipt' },
    { text: 'Yeah, yeah.', prev: 'the uh the second one is the one that broke', role: 'user', rule: 'acknowledgement/receipt' },
    { text: 'Oh really?', prev: 'and the landlord never called back', role: 'user', rule: 'acknowledgement/question-backchannel' },
  ],
  valid: [
    // A turn that opens the conversation has nothing to acknowledge.
    { text: 'Got it.', role: 'user' },
    { text: 'I see.' },
    // Agreement.
    { text: 'Exactly.', prev: 'So the fix is to pin the version, right?' },
    { text: 'Right, exactly.', prev: 'The problem was a missing semicolon.' },
    { text: 'Absolutely.', prev: 'The problem was a missing semicolon.' },
    { text: 'Good call.', prev: 'I switched to the new API.' },
    // Praise.
    { text: 'Great question!', prev: 'Why does the loop never end?' },
    { text: "That's a great question!", prev: 'Why does the loop never end?' },
    { text: 'Great job on this!', prev: "Here's my essay." },
    // Apology.
    { text: 'I apologize for the confusion.', prev: 'You gave me the wrong file.' },
    { text: "I'm sorry for the inconvenience.", prev: 'The download link is broken.' },
    // Openers of an answer.
    { text: 'Sure! Here is a haiku about autumn.', prev: 'Can you give me a haiku?' },
    { text: 'Certainly! Here is the summary of the report.', prev: 'Summarize the report for me.' },
    // A receipt token after a question is an answer.
    { text: 'Okay.', prev: 'Is it in Europe?' },
    // A question backchannel followed by disagreement is not a bare backchannel.
    { text: "Really? That can't be right, the lease says otherwise.", prev: 'and the landlord never called back', role: 'user' },
    // Cue words used to say something else.
    { text: 'I see you are using Python 3.', prev: 'I use Python.' },
    { text: 'I understand that the library was deprecated in 2020.', prev: 'What happened to the library?' },
    { text: 'Thanks for your question!', prev: 'How do I reset my password?' },
    { text: 'It sounds like a good plan.', prev: 'My plan is to split the service in two.' },
    // Not the speaker's own voice.
    { text: 'The docs say `got it` is a valid reply.', prev: 'What can the bot reply?' },
    { text: 'Waiter: I see.', prev: 'Write a short scene at a cafe.' },
    { text: '> Got it.', prev: 'Quote the reply you sent.' },
    { text: 'Reply with [Got it] when done.', prev: 'How should I confirm the task?' },
  ],
});
