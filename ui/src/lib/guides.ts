import type { Checklist } from "./api";

export const kindLabels: Record<string, string> = {
  social: "Social media",
  messaging: "Messaging",
  video: "Video",
  game: "Game",
  console: "Games console",
  device: "Phone or tablet",
  computer: "Computer",
  broadband: "Home broadband",
  "ai-chat": "AI chatbot",
};

export const riskLabels: Record<string, string> = {
  strangers: "Contact from strangers",
  location: "Sharing where they are",
  disappearing: "Disappearing messages",
  live: "Live streaming",
  spending: "Spending money",
  "harmful-content": "Harmful content",
  "ai-chat": "AI chat",
};

export const platformLabels: Record<string, string> = {
  all: "",
  iphone: "On iPhone or iPad",
  android: "On Android",
  web: "On the website",
  console: "On a games console",
  windows: "On Windows",
  mac: "On a Mac",
  xbox: "On Xbox",
  playstation: "On PlayStation",
  switch: "On Nintendo Switch",
};

export function progressText(c: Checklist): string {
  return `${c.done.length} of ${c.applicable} done`;
}
