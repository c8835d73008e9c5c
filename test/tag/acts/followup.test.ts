/**
 * followup: asks for more about what the other said, to continue. It passes the OK test ("OK, how
 * long has this been going on?"); a question that resolves ambiguity is a clarification instead.
 */
import { actTester } from '../../helpers/act-tester.js';

actTester.run('followup', {
  invalid: [
    // DESIGN's examples.
    { text: 'How long has this been going on?', prev: 'My back has been hurting whenever I sit at my desk.', rule: 'followup/how-long' },
    { text: 'What have you tried so far?', prev: 'My laptop keeps overheating during calls.', rule: 'followup/what-have-you-tried' },
    // Typed chat.
    { text: 'Why did she stop after the wedding?', prev: 'My sister stopped talking to me after the wedding.', rule: 'followup/picks-up' },
    { text: 'What kind of music are you working on?', prev: 'I started learning the cello last month.', rule: 'followup/personal-question' },
    { text: 'How did that make you feel?', prev: 'I finally told my boss I want to change teams.', rule: 'followup/feelings' },
    { text: 'Can you tell me more about what happened?', prev: 'I had a rough week at work.', rule: 'followup/tell-me-more' },
    { text: 'How are you holding up?', prev: "I've been feeling lonely since I moved to the city.", rule: 'followup/feelings' },
    { text: 'What made you decide to switch?', prev: 'We switched the whole team to the new tracker.', role: 'user', rule: 'followup/feelings' },
    { text: 'Have you already tried clearing the CI cache?', prev: 'My code works locally but fails in CI.', rule: 'followup/what-have-you-tried' },
    { text: 'When did this start?', prev: "I've been sleeping badly for a while.", rule: 'followup/how-long' },
    { text: 'Where are you thinking of going first?', prev: "I'm planning a trip to Japan in the spring.", rule: 'followup/personal-question' },
    { text: 'How do you like it so far?', prev: 'I moved to Berlin last year.', rule: 'followup/personal-question' },
    { text: "That's exciting! How often do you run right now?", prev: "I'm training for my first marathon.", rule: 'followup/how-long', sentence: 1 },
    { text: "I'd love to hear more about how the sprints are planned.", prev: 'My team keeps missing sprint deadlines.', rule: 'followup/tell-me-more' },
    { text: 'Do you have any idea why he refuses?', prev: 'My son refuses to do his homework.', rule: 'followup/personal-question' },
    // Speech style.
    { text: 'What happened then?', prev: 'so I called the bank and uh they put me on hold again', rule: 'followup/how-long' },
    { text: 'so um how long have you been playing', prev: 'yeah I play in a little band on weekends', role: 'user', rule: 'followup/how-long' },
  ],
  valid: [
    // A turn that opens the conversation has nothing of the other's to follow up.
    { text: 'How long has this been going on?' },
    // Clarifications: they resolve ambiguity and fail the OK test.
    { text: 'Do you mean the 2019 or the 2021 edition?', prev: 'Can you send me the style guide?' },
    { text: 'Which language are you using?', prev: 'Help me write a function that parses dates.' },
    { text: 'Which year do you need?', prev: 'I need the numbers for the east region.' },
    // Restatements are understanding checks.
    { text: 'So you want the report sent every Monday?', prev: 'I want the report sent out every Monday morning.' },
    // A development told, not asked about: how-long needs a question.
    { text: 'They raised the rent, and what happened then was that we moved out.', prev: 'Our landlord sent a letter in May.' },
    // Questions that pick up nothing the other said.
    { text: 'What is the capital of France?', prev: 'My sister stopped talking to me after the wedding.' },
    { text: 'Have you tried turning it off and on again?', prev: 'My laptop keeps overheating.' },
    { text: 'Tell me a joke.', prev: 'Tell me a story about a dragon.' },
    { text: 'How long does a flight to Tokyo take?', prev: "What's the distance to the moon?" },
    // Offers, greetings and rhetorical questions.
    { text: 'Would you like an example?', prev: 'Explain recursion.' },
    { text: 'Is there anything else I can help with?', prev: 'Thanks, that fixed it.' },
    { text: 'Hi, how are you today?', prev: 'Hello.' },
    { text: 'Did you know that octopuses have three hearts?', prev: 'I want to learn about the sea.' },
    { text: 'Are you ready to take your fitness to the next level?', prev: 'Write an ad for our gym.' },
    // Not the speaker's own voice.
    { text: '`how long have you played?` is a good opener.', prev: 'How do I start a chat with a musician?' },
    { text: 'Host: How long have you been painting?', prev: 'Write a short interview.' },
    { text: '> How long has this been going on?', prev: 'What did the doctor ask you?' },
    { text: 'The survey asks "how often do you exercise?" first.', prev: 'What is on the health survey?' },
  ],
});
