/**
 * repair: corrects a misunderstanding, by the user after an assistant turn ("No, I meant…", a
 * rift) or by the assistant ("Sorry, I misread…"). An apology that corrects nothing is not one.
 */
import { actTester } from '../../helpers/act-tester.js';

actTester.run('repair', {
  invalid: [
    // DESIGN's examples, from the user.
    { text: 'No, I meant the other file.', prev: 'Here is the updated config for the first file.', role: 'user', rule: 'repair/no-i-meant' },
    { text: "That's not what I asked.", prev: "Here's how to bake sourdough bread.", role: 'user', rule: 'repair/not-what-i-asked' },
    { text: 'No — I meant the other file.', prev: 'I changed the first file for you.', role: 'user', rule: 'repair/no-i-meant' },
    // Users repairing a rift.
    { text: 'No, the other file.', prev: 'Here is the first file.', role: 'user', rule: 'repair/no-i-meant' },
    { text: "That's not what I wanted, I need the full translation.", prev: 'Sure, here is a summary of the article.', role: 'user', rule: 'repair/not-what-i-asked' },
    { text: 'You misunderstood me, I asked for a vegetarian one.', prev: 'Here is the recipe for vegan lasagna.', role: 'user', rule: 'repair/not-what-i-asked' },
    { text: "I didn't ask for Java.", prev: "Here's the code in Java.", role: 'user', rule: 'repair/not-what-i-asked' },
    { text: 'Actually I meant the second question.', prev: 'The answer is 42.', role: 'user', rule: 'repair/no-i-meant' },
    { text: 'What I meant was chapter two.', prev: "Here's a summary of chapter one.", role: 'user', rule: 'repair/no-i-meant' },
    { text: 'Let me rephrase: I need the main argument of chapter two.', prev: 'Chapter one argues that cities grow along rivers.', role: 'user', rule: 'repair/not-what-i-asked' },
    // DESIGN's example, from the assistant, and others like it.
    { text: 'Sorry, I misread your question. At 2,000 m water boils around 93 °C.', prev: "What's the boiling point at altitude?", rule: 'repair/i-misunderstood', sentence: 0 },
    { text: "You're right, you asked about Python. Here is the Python version.", prev: 'I asked about Python, not JavaScript.', rule: 'repair/i-misunderstood', sentence: 0 },
    { text: 'Apologies, I thought you meant May. Here is March.', prev: 'I said the March report, not May.', rule: 'repair/i-misunderstood', sentence: 0 },
    { text: 'Sorry, I misunderstood.', prev: 'You got the year wrong, I wanted 2019.', rule: 'repair/i-misunderstood' },
    { text: 'Oops, my mistake — I thought you meant the 2021 edition.', prev: 'You got the year wrong, I wanted 2019.', rule: 'repair/i-misunderstood' },
    { text: 'I misunderstood your request earlier; here are the files.', prev: 'Please list the files in the repo.', rule: 'repair/i-misunderstood' },
    // The tagger issue's miss: "I misunderstood" with "must have" between.
    { text: 'My apologies, I must have misunderstood your request.', prev: 'That is not what I asked for.', rule: 'repair/i-misunderstood' },
    { text: 'I may have misread the question: you wanted the median, not the mean.', prev: 'I asked for the median.', rule: 'repair/i-misunderstood' },
    // Speech style.
    { text: 'nope the other one', prev: 'ok so I opened the first one', role: 'user', rule: 'repair/no-i-meant' },
    { text: 'no no I said thursday', prev: 'uh so the meeting is on tuesday', role: 'user', rule: 'repair/no-i-meant' },
  ],
  valid: [
    // A turn that opens the conversation has nothing to repair.
    { text: "That's not what I asked.", role: 'user' },
    // Apologies that correct nothing.
    { text: 'I apologize for the confusion.', prev: 'You gave me the wrong file.' },
    { text: 'My apologies for the confusion earlier.', prev: 'The output is wrong.' },
    { text: "Sorry for the trouble. Let's try another approach.", prev: 'This still does not work.' },
    { text: "Sorry, I don't have access to that file.", prev: 'Open my report from yesterday.' },
    { text: "I apologize, but I can't help with that.", prev: 'Can you help me pick a lock?' },
    // Look-alikes that correct nothing.
    { text: 'I meant to ask you this yesterday.', prev: 'Here is your summary.', role: 'user' },
    { text: "That's not what I expected, but it's fine.", prev: "Here's the fix.", role: 'user' },
    // A "no" that answers a question.
    { text: "No, it's in Canada.", prev: 'Is the server in Europe?', role: 'user' },
    { text: "No, I didn't like it.", prev: 'What did you think of the movie?', role: 'user' },
    // Not the speaker's own voice.
    { text: 'Write `No, I meant the other file.` as the reply.', prev: 'How do I answer the bot?' },
    { text: "Customer: That's not what I asked.", prev: 'Write a scene where a customer complains.' },
    { text: "> That's not what I asked.", prev: 'Here is the list.', role: 'user' },
    { text: 'He said "that\'s not what I asked" and left.', prev: 'How did the meeting go?', role: 'user' },
    { text: 'Paste this:\n```\nSorry, I misread your question.\n```', prev: 'Give me an apology snippet for the bot.' },
  ],
});
