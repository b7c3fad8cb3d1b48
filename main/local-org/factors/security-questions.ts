/**
 * The security-question catalogue served at `/api/v1/users/{uid}/factors/questions` as
 * `[{question, questionText}]` (question keys as listed in okta-authn.md §8; texts in our words).
 * Answers are compared trimmed and case-insensitively, and stored only as scrypt hashes.
 */
export const SECURITY_QUESTIONS: Readonly<Record<string, string>> = {
  disliked_food: 'What is the food you least liked as a child?',
  name_of_first_plush_toy: 'What was the name of your first stuffed animal?',
  first_award: 'What did you earn your first medal or award for?',
  favorite_security_question: 'What is your favorite security question?',
  favorite_toy: 'What was the toy you liked most as a child?',
  first_computer_game: 'What was the first computer game you played?',
  favorite_movie_quote: 'What is your favorite movie quote?',
  first_sports_team_mascot: 'What was the mascot of the first sports team you played on?',
  first_music_purchase: 'What was the first album or song you bought?',
  favorite_art_piece: 'What is your favorite piece of art?',
  grandmother_favorite_desert: "What was your grandmother's favorite dessert?",
  first_thing_cooked: 'What was the first thing you learned to cook?',
  childhood_dream_job: 'What was your dream job as a child?',
  first_kiss_location: 'Where did you have your first kiss?',
  place_where_significant_other_was_met: 'Where did you meet your spouse or partner?',
  favorite_vacation_location: 'Where did you go on your favorite vacation?',
  new_years_two_thousand: "Where were you on New Year's Eve 2000?",
  favorite_speaker_actor: 'Who is your favorite speaker or actor?',
  favorite_book_movie_character: 'Who is your favorite book or movie character?',
  favorite_sports_player: 'Who is your favorite sports player?',
};

export function questionCatalogue(): { question: string; questionText: string }[] {
  return Object.entries(SECURITY_QUESTIONS).map(([question, questionText]) => ({ question, questionText }));
}

export function normalizeAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().toLowerCase();
}

/** Okta refuses answers under 4 characters and answers that repeat the question. */
export function answerProblem(question: string, answer: string): string | undefined {
  const normalized = normalizeAnswer(answer);
  if (normalized.length < 4) return 'answer: The security question answer must be at least 4 characters in length';
  const text = SECURITY_QUESTIONS[question]?.toLowerCase() ?? question.toLowerCase();
  if (text.includes(normalized)) return 'answer: The answer must not be part of the question';
  return undefined;
}
