/** Shapes that cross the wire; shared by server and browser. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
}

export interface SessionUser extends PublicUser {
  role: "user" | "moderator" | "admin";
}

export interface ChatMessage {
  id: number;
  roomId: string;
  body: string;
  clientId: string;
  createdAt: string;
  author: PublicUser;
}

export interface RoomSummary {
  id: string;
  name: string;
  description: string;
}
